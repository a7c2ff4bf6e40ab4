package io.cqrsshop.command.application.product;

import io.cqrsshop.command.domain.ExpectedVersion;
import java.util.UUID;

/** Take a product off sale for good. */
public record DiscontinueProduct(UUID productId, ExpectedVersion expectedVersion) {}
