package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.CommandLog;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Executed commands in {@code command_requests}, keyed by caller and request id, with the response
 * each got (in the form {@link StoredResponses} gives it). The claim is an insert that does nothing
 * on conflict: while another transaction holds the id, PostgreSQL makes this one wait for its
 * outcome.
 */
final class JdbiCommandLog implements CommandLog {

  private final Handle handle;
  private final DeferredWrites deferred;

  JdbiCommandLog(Handle handle, DeferredWrites deferred) {
    this.handle = handle;
    this.deferred = deferred;
  }

  @Override
  public Optional<byte[]> claim(CommandContext context) {
    int claimed =
        handle
            .createUpdate(
                "INSERT INTO command_requests (caller, request_id, fingerprint)"
                    + " VALUES (:caller, :id, :fingerprint) ON CONFLICT (caller, request_id) DO NOTHING")
            .bind("caller", context.caller())
            .bind("id", context.requestId().value())
            .bind("fingerprint", context.fingerprint())
            .execute();
    if (claimed == 1) {
      return Optional.empty();
    }
    return Optional.of(
        handle
            .createQuery(
                "SELECT fingerprint FROM command_requests WHERE caller = :caller AND request_id = :id")
            .bind("caller", context.caller())
            .bind("id", context.requestId().value())
            .mapTo(byte[].class)
            .one());
  }

  @Override
  public byte[] answer(CommandContext context) {
    return StoredResponses.response(
        handle
            .createQuery(
                "SELECT result::text FROM command_requests WHERE caller = :caller AND request_id = :id")
            .bind("caller", context.caller())
            .bind("id", context.requestId().value())
            .mapTo(String.class)
            .one());
  }

  @Override
  public void complete(CommandContext context, byte[] answer) {
    // Held back until the commit, or the next statement: no round trip of its own.
    deferred
        .expectOne(
            "UPDATE command_requests SET result = CAST(:result AS jsonb)"
                + " WHERE caller = :caller AND request_id = :id",
            "command result")
        .bind("caller", context.caller())
        .bind("id", context.requestId().value())
        .bind("result", StoredResponses.json(answer));
  }
}
