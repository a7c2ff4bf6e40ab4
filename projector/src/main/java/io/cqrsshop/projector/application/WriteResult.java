package io.cqrsshop.projector.application;

/** What became of one document write. */
public record WriteResult(Kind kind, String detail) {

  /** The categories that decide what happens to the event the document came from. */
  public enum Kind {
    /** Written. */
    APPLIED,
    /** Refused because the store already holds this or a newer version: nothing left to do. */
    STALE,
    /**
     * The index is gone (it was deleted): the rebuild that replaces it reads the whole history,
     * this event included, so nothing is left to do.
     */
    MISSING_INDEX,
    /** Failed for a reason that passes (overload, shard unavailable): write it again. */
    RETRYABLE,
    /** Failed for a reason a retry cannot fix (the document does not fit the mapping). */
    PERMANENT
  }

  public static WriteResult applied() {
    return new WriteResult(Kind.APPLIED, "");
  }

  public static WriteResult stale() {
    return new WriteResult(Kind.STALE, "");
  }

  public static WriteResult missingIndex() {
    return new WriteResult(Kind.MISSING_INDEX, "");
  }

  public static WriteResult retryable(String detail) {
    return new WriteResult(Kind.RETRYABLE, detail);
  }

  public static WriteResult permanent(String detail) {
    return new WriteResult(Kind.PERMANENT, detail);
  }
}
