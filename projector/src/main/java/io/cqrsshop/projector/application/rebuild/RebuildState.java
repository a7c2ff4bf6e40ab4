package io.cqrsshop.projector.application.rebuild;

/** Where a read model's rebuild stands. */
public enum RebuildState {
  /** Asked for; no projector has taken it yet. */
  PENDING,
  /** A projector fills the new index from the history; queries still read the old one. */
  BUILDING,
  /**
   * Written only by builds that kept applying the stream for a while after the swap; this build
   * resumes such a rebuild like a {@link #BUILDING} one.
   */
  SWAPPED,
  /**
   * Finished: the new index serves queries and is live, its consumer now the live projection's; the
   * old one is kept until an operator removes it.
   */
  DONE,
  /** Gave up on an error (see its message); the alias never moved. */
  FAILED,
  /** Did not start: the history it needs is not all there (see its message). */
  REFUSED,
  /** Stopped by an operator; the alias never moved. */
  CANCELLED;

  /** Whether a projector is (or should be) working on it. */
  public boolean isActive() {
    return this == PENDING || this == BUILDING || this == SWAPPED;
  }
}
