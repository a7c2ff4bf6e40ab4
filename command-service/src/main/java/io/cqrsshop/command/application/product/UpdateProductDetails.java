package io.cqrsshop.command.application.product;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import java.util.UUID;

/** Change some of a product's name, description and category. */
public record UpdateProductDetails(
    UUID productId, ExpectedVersion expectedVersion, DetailsUpdate update) {}
