package io.cqrsshop.projector.application;

import java.util.List;
import java.util.Optional;

/** Where parked events are kept until they are replayed or discarded. */
public interface ParkedEvents {

  /**
   * Keeps the events; parking one that is already parked replaces it.
   *
   * @throws Exception when the store cannot be reached; nothing is known to be parked then
   */
  void park(List<ParkedEvent> events) throws Exception;

  /** Up to {@code limit} parked events after {@code afterId} in id order, of one reason or all. */
  List<ParkedEvent> list(Optional<ParkReason> reason, String afterId, int limit) throws Exception;

  Optional<ParkedEvent> get(String id) throws Exception;

  /** Removes a parked event; removing one that is not there does nothing. */
  void remove(String id) throws Exception;

  long count() throws Exception;
}
