package io.cqrsshop.projector.application.rebuild;

/** Why a read model is rebuilt. */
public enum RebuildReason {
  /** The read model has no index at all: first deployment of it, or its index was deleted. */
  INDEX_MISSING,
  /** This projector writes a newer version of the read model than the alias serves. */
  VERSION_CHANGED,
  /** An operator asked for it, for example to repair the read model. */
  REQUESTED,
  /**
   * An operator loaded the history from PostgreSQL's event log; the projector finishes it from the
   * stream.
   */
  REPLAYED_FROM_POSTGRES
}
