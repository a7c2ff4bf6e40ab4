package io.cqrsshop.command.domain;

import io.cqrsshop.shared.AggregateVersion;
import java.time.Instant;

/**
 * Something that happened to one aggregate; it carries the aggregate's whole state afterwards, so
 * that readers never need earlier events to understand it.
 *
 * <p>The kinds are the sealed {@code ProductEvent}, {@code UserEvent} and {@code OrderEvent}; this
 * interface cannot itself be sealed across packages outside a named module.
 */
public interface DomainEvent {

  /** The aggregate and the version this event brought it to. */
  AggregateVersion aggregate();

  /** The last token of the event's subject, for example {@code price_changed}. */
  String name();

  Instant occurredAt();
}
