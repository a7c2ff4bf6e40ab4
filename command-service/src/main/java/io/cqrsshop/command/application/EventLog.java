package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.DomainEvent;
import java.util.List;

/**
 * The event log, which doubles as the outbox: events appended here commit with the state change
 * that caused them, and a relay publishes them afterwards. Each event records the command that
 * caused it: its caller and request id.
 */
public interface EventLog {

  void append(List<? extends DomainEvent> events, CommandContext cause);
}
