package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateVersion;
import java.util.List;

/** Tells how far the projection into a read model has got. */
public interface ProjectionProgress {

  /**
   * Whether every write is visible to reads of that kind: a document with the write's id at its
   * version or later. A read model that does not exist yet has caught up with nothing.
   */
  boolean hasCaughtUp(ReadModel model, Visibility visibility, List<AggregateVersion> writes);
}
