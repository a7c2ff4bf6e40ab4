package io.cqrsshop.command.application.order;

import io.cqrsshop.command.domain.ExpectedVersion;
import java.util.UUID;

/** Mark a placed order as shipped. */
public record ShipOrder(UUID orderId, ExpectedVersion expectedVersion) {}
