package io.cqrsshop.admin.drift;

/** One way a read-model document (or history) can differ from the write model. */
public enum Drift {
  /** The write model has the aggregate, the read model has no document for it. */
  MISSING,
  /** The read model has a document for an aggregate the write model does not have. */
  EXTRA,
  /** The document shows an older version than the write model holds. */
  BEHIND,
  /** The document claims a newer version than the write model holds. */
  AHEAD,
  /** Same version, other content. */
  DIFFERS
}
