package io.cqrsshop.projector.application;

import java.util.List;

/** Where events come from: a share of a durable subscription that several projectors split. */
public interface EventSource extends AutoCloseable {

  /**
   * Returns at once with the messages available, up to {@code max}; when there are none, waits
   * briefly for the first and returns an empty list if none comes.
   *
   * @throws Exception when the broker or the subscription cannot be reached; worth retrying
   */
  List<EventMessage> fetch(int max) throws Exception;

  /** Stops receiving; messages received but not yet fetched go back for redelivery. */
  @Override
  void close();
}
