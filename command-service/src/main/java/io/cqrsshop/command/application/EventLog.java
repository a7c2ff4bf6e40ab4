package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.RequestId;
import java.util.List;

/**
 * The event log, which doubles as the outbox: events appended here commit with the state change
 * that caused them, and a relay publishes them afterwards.
 */
public interface EventLog {

  void append(List<? extends DomainEvent> events, RequestId requestId);
}
