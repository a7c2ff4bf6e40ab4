package io.cqrsshop.projector.application.rebuild;

import java.time.Instant;

/**
 * The current (or last) rebuild of one read model, as every projector and the operator tool see it:
 * one record per read model, so that at most one rebuild of it is under way. The projector that
 * works on it holds a lease ({@code owner} until {@code leaseExpiresAt}) and renews it with every
 * progress update; a lease that runs out lets another projector resume the rebuild.
 *
 * @param targetIndex the physical index being built
 * @param previousIndex the index the alias pointed at when the rebuild began; empty if none
 * @param historySince where the history starts: null for the whole stream, else the stream's
 *     messages from this time on (after a load from PostgreSQL's event log)
 */
public record RebuildRecord(
    String readModel,
    String targetIndex,
    int version,
    int generation,
    String previousIndex,
    RebuildReason reason,
    RebuildState state,
    Instant historySince,
    String owner,
    Instant leaseExpiresAt,
    long eventsDone,
    long eventsTotal,
    double eventsPerSecond,
    String message,
    Instant requestedAt,
    Instant startedAt,
    Instant updatedAt,
    Instant swappedAt,
    Instant finishedAt) {

  /** A new request, not yet taken by any projector. */
  public static RebuildRecord requested(
      String readModel,
      String targetIndex,
      int version,
      int generation,
      String previousIndex,
      RebuildReason reason,
      Instant historySince,
      String message,
      Instant now) {
    return new RebuildRecord(
        readModel,
        targetIndex,
        version,
        generation,
        previousIndex,
        reason,
        RebuildState.PENDING,
        historySince,
        "",
        null,
        0,
        0,
        0,
        message,
        now,
        null,
        now,
        null,
        null);
  }

  public boolean leaseExpired(Instant now) {
    return leaseExpiresAt == null || !leaseExpiresAt.isAfter(now);
  }

  public RebuildRecord leasedBy(String newOwner, Instant until, Instant now) {
    return new RebuildRecord(
        readModel,
        targetIndex,
        version,
        generation,
        previousIndex,
        reason,
        state,
        historySince,
        newOwner,
        until,
        eventsDone,
        eventsTotal,
        eventsPerSecond,
        message,
        requestedAt,
        startedAt,
        now,
        swappedAt,
        finishedAt);
  }

  public RebuildRecord inState(RebuildState newState, String newMessage, Instant now) {
    return new RebuildRecord(
        readModel,
        targetIndex,
        version,
        generation,
        previousIndex,
        reason,
        newState,
        historySince,
        newState.isActive() ? owner : "",
        newState.isActive() ? leaseExpiresAt : null,
        eventsDone,
        eventsTotal,
        eventsPerSecond,
        newMessage,
        requestedAt,
        startedAt == null && newState == RebuildState.BUILDING ? now : startedAt,
        now,
        swappedAt == null && (newState == RebuildState.SWAPPED || newState == RebuildState.DONE)
            ? now
            : swappedAt,
        newState.isActive() ? null : now);
  }

  /**
   * Hands the rebuild over to the projectors, to go on from the stream's events since {@code since}
   * (after the operator tool loaded the older history from PostgreSQL).
   */
  public RebuildRecord handedOver(Instant since, String newMessage, Instant now) {
    return new RebuildRecord(
        readModel,
        targetIndex,
        version,
        generation,
        previousIndex,
        reason,
        RebuildState.PENDING,
        since,
        "",
        null,
        eventsDone,
        eventsTotal,
        0,
        newMessage,
        requestedAt,
        startedAt,
        now,
        swappedAt,
        finishedAt);
  }

  public RebuildRecord withProgress(long done, long total, double perSecond, Instant now) {
    return new RebuildRecord(
        readModel,
        targetIndex,
        version,
        generation,
        previousIndex,
        reason,
        state,
        historySince,
        owner,
        leaseExpiresAt,
        done,
        total,
        perSecond,
        message,
        requestedAt,
        startedAt,
        now,
        swappedAt,
        finishedAt);
  }
}
