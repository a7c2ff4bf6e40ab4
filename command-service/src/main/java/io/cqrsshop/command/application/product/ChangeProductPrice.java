package io.cqrsshop.command.application.product;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Money;
import java.util.UUID;

/** Set a product's price. */
public record ChangeProductPrice(UUID productId, ExpectedVersion expectedVersion, Money price) {}
