package io.cqrsshop.projector.application.rebuild;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild record held by this projector: every change goes through {@link #update}, which applies
 * it to the newest stored version (compare and set), and {@link #renew} extends the lease. Renewed
 * from a heartbeat of its own, so that slow work (a large bulk request, an index being created)
 * never lets the lease run out while this projector still works on the rebuild.
 */
final class RebuildLease {

  private static final Logger log = LoggerFactory.getLogger(RebuildLease.class);

  private final RebuildRecords records;
  private final Clock clock;
  private final String owner;
  private final java.time.Duration length;
  private Versioned<RebuildRecord> current;
  private Instant heldUntil;
  private volatile String lost;

  RebuildLease(
      RebuildRecords records,
      Clock clock,
      String owner,
      java.time.Duration length,
      Versioned<RebuildRecord> leased) {
    this.records = records;
    this.clock = clock;
    this.owner = owner;
    this.length = length;
    this.current = leased;
    this.heldUntil = leased.value().leaseExpiresAt();
  }

  synchronized RebuildRecord record() {
    return current.value();
  }

  /** Throws unless this projector still holds the rebuild. */
  void check() throws LeaseLostException {
    String why = lost;
    if (why != null) {
      throw new LeaseLostException(why);
    }
    synchronized (this) {
      if (clock.instant().isAfter(heldUntil)) {
        throw new LeaseLostException("its lease ran out before it could be renewed");
      }
    }
  }

  /** Extends the lease, storing the change too. */
  void renew(UnaryOperator<RebuildRecord> change) throws Exception {
    update(
        record -> {
          Instant now = clock.instant();
          return change.apply(record).leasedBy(owner, now.plus(length), now);
        });
  }

  /**
   * Applies the change to the stored record; re-reads it when someone else changed it, and gives up
   * when that someone took the rebuild over or cancelled it.
   */
  synchronized void update(UnaryOperator<RebuildRecord> change) throws Exception {
    check();
    while (true) {
      RebuildRecord next = change.apply(current.value());
      Optional<Versioned<RebuildRecord>> replaced = records.replace(current, next);
      if (replaced.isPresent()) {
        current = replaced.get();
        if (next.leaseExpiresAt() != null && next.owner().equals(owner)) {
          heldUntil = next.leaseExpiresAt();
        }
        return;
      }
      Versioned<RebuildRecord> stored =
          records.get(next.readModel()).orElseThrow(() -> lose("its record was deleted"));
      RebuildRecord value = stored.value();
      if (value.state() == RebuildState.CANCELLED) {
        throw lose("an operator cancelled it");
      }
      if (!value.targetIndex().equals(next.targetIndex()) || !value.owner().equals(owner)) {
        throw lose("another projector (" + value.owner() + ") took it over");
      }
      current = stored;
    }
  }

  /** Lets another projector take over at once, as the relay does with its lock. */
  synchronized void release() {
    try {
      Instant now = clock.instant();
      records.replace(current, current.value().leasedBy(owner, now, now));
    } catch (Exception e) {
      log.debug("cannot release the rebuild's lease: {}", e.toString());
    }
  }

  private LeaseLostException lose(String why) {
    lost = why;
    return new LeaseLostException(why);
  }

  /** This projector no longer holds the rebuild; it must stop at once and never swap. */
  static final class LeaseLostException extends Exception {
    private static final long serialVersionUID = 1L;

    LeaseLostException(String message) {
      super(message);
    }
  }
}
