package io.cqrsshop.command.application.order;

import io.cqrsshop.command.domain.ExpectedVersion;
import java.util.UUID;

/** Cancel a placed order. */
public record CancelOrder(UUID orderId, ExpectedVersion expectedVersion, String reason) {}
