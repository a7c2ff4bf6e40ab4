package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.DomainEvent;
import java.time.Instant;
import java.util.List;

/**
 * One command's transaction as its use case sees it: the stored aggregates, the instant the command
 * happens at (every event it leads to carries it), and the event log, where its events are appended
 * on behalf of the command that caused them.
 */
public record Transaction(WriteModel model, CommandContext cause, Instant now) {

  public Products products() {
    return model.products();
  }

  public Users users() {
    return model.users();
  }

  public Orders orders() {
    return model.orders();
  }

  /** Appends events that commit with the state changes that caused them. */
  public void append(List<? extends DomainEvent> events) {
    model.events().append(events, cause);
  }
}
