package io.cqrsshop.command.infrastructure.persistence;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Forgets executed commands once they are older than the retention period, so that {@code
 * command_requests} does not grow for ever. A request id older than that counts as new again:
 * clients must not retry a command after the retention period (7 days by default).
 *
 * <p>Deletes in bounded batches so that a large backlog never holds long locks. Safe to run on
 * every replica at once.
 */
public final class CommandLogRetention {

  private static final int BATCH = 5_000;

  private final Jdbi jdbi;
  private final Duration retention;

  public CommandLogRetention(Jdbi jdbi, Duration retention) {
    this.jdbi = jdbi;
    this.retention = retention;
  }

  /** Deletes every entry older than the retention period; returns how many. */
  public int purge() {
    int total = 0;
    int deleted;
    do {
      deleted =
          jdbi.withHandle(
              handle ->
                  handle
                      .createUpdate(
                          "DELETE FROM command_requests WHERE (caller, request_id) IN (SELECT caller,"
                              + " request_id"
                              + " FROM command_requests WHERE created_at < now() -"
                              + " make_interval(secs => :seconds) LIMIT :batch)")
                      .bind("seconds", (double) retention.toSeconds())
                      .bind("batch", BATCH)
                      .execute());
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }
}
