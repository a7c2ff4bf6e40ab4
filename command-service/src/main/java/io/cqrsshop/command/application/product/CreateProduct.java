package io.cqrsshop.command.application.product;

import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.Sku;

/** Register a new product. */
public record CreateProduct(Sku sku, ProductDetails details, Money price, long initialStock) {}
