package io.cqrsshop.projector.projection;

import java.util.List;

/** What one event means for the read models. */
public sealed interface Projected {

  /** The whole documents the event determines. */
  record Documents(List<DocumentWrite> writes) implements Projected {
    public Documents {
      writes = List.copyOf(writes);
    }
  }

  /**
   * An event of a kind this projector does not know, most likely published by a newer
   * command-service: a newer projector will know what to do with it.
   */
  record UnknownKind(String kind) implements Projected {}

  /** An event that contradicts itself or lacks what every event has: no projector can apply it. */
  record Invalid(String reason) implements Projected {}
}
