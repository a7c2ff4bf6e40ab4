package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.PhysicalIndex;
import java.util.List;

/**
 * Tells live queries which documents a bulk write just changed, at most once: a lost announcement
 * only delays a watch until its next re-check, so it never holds up projecting.
 */
public interface ChangeAnnouncements {

  ChangeAnnouncements NONE = (index, writes) -> {};

  /** Announces the documents now in {@code index}; never throws. */
  void announce(PhysicalIndex index, List<DocumentWrite> writes);
}
