package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.readmodel.ReadModel;
import java.time.Instant;
import java.util.Optional;

/** The history of events that rebuilds read, each through a durable reader of its own. */
public interface EventHistory {

  /**
   * Why the history a rebuild needs is not all there (limits removed old events); empty when it is.
   *
   * @param since empty for the whole history, else the events from this time on
   */
  Optional<String> incomplete(Optional<Instant> since) throws Exception;

  /**
   * Whether the stream exists at all: before command-service first starts there is none, and so no
   * event either.
   */
  boolean exists() throws Exception;

  /** The position of the newest event in the stream (0 when there is none). */
  long lastPosition() throws Exception;

  /** Whether a reader of that name exists, that is whether a rebuild can resume where it was. */
  boolean exists(String reader) throws Exception;

  /**
   * Opens the named reader of the events that feed the read model, creating it at the start of the
   * history (or at {@code since}) if it does not exist, else resuming where it stopped.
   */
  HistoryReader open(String reader, ReadModel model, Optional<Instant> since) throws Exception;

  /** Deletes the named reader; deleting one that does not exist does nothing. */
  void delete(String reader) throws Exception;
}
