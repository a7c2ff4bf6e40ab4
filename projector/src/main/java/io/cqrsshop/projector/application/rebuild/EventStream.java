package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.readmodel.ReadModel;
import java.time.Instant;
import java.util.Optional;

/** The stream of every event, as rebuilds read it: each through the durable reader of its index. */
public interface EventStream {

  /**
   * Why the events a rebuild needs are not all in the stream (limits removed old events); empty
   * when it is.
   *
   * @param since empty for every event, else the events from this time on
   */
  Optional<String> incomplete(Optional<Instant> since) throws Exception;

  /**
   * Whether the stream exists at all: before command-service first starts there is none, and so no
   * event either.
   */
  boolean exists() throws Exception;

  /** The position of the newest event in the stream (0 when there is none). */
  long lastPosition() throws Exception;

  /**
   * Whether the reader of an index exists, that is whether a rebuild can resume where it was. The
   * reader of an index is also its live consumer once the index serves.
   */
  boolean readerExists(String index) throws Exception;

  /**
   * Opens the reader of the events that feed the index's read model, creating it at the start of
   * the stream (or at {@code since}) if it does not exist, else resuming where it stopped.
   */
  EventStreamReader open(String index, ReadModel model, Optional<Instant> since) throws Exception;

  /** Deletes the reader of an index; deleting one that does not exist does nothing. */
  void deleteReader(String index) throws Exception;
}
