package io.cqrsshop.command.application.product;

import io.cqrsshop.command.domain.ExpectedVersion;
import java.util.UUID;

/** Add or remove units of a product's stock. */
public record AdjustProductStock(
    UUID productId, ExpectedVersion expectedVersion, long delta, String reason) {}
