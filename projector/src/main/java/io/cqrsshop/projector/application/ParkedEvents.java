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

  /**
   * Up to {@code limit} parked events after {@code after} in stream order (oldest first), of one
   * reason or all.
   */
  List<ParkedEvent> list(Optional<ParkReason> reason, Cursor after, int limit) throws Exception;

  /** A place in the stream order of parked events: after the event with this sequence and id. */
  record Cursor(long streamSequence, String id) {

    /** Before the first parked event. */
    public static final Cursor START = new Cursor(-1, "");

    public static Cursor after(ParkedEvent event) {
      return new Cursor(event.streamSequence(), event.id());
    }
  }

  Optional<ParkedEvent> get(String id) throws Exception;

  /** Removes a parked event; removing one that is not there does nothing. */
  void remove(String id) throws Exception;

  long count() throws Exception;
}
