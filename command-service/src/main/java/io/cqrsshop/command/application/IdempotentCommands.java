package io.cqrsshop.command.application;

import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Runs a command at most once per caller and request id: a repeat of the same command gets the
 * stored result of the first, and a different command under a used id is refused with {@code
 * REQUEST_ID_REUSED}. A refused command is rolled back together with its claim, so the client may
 * retry it under the same id.
 */
public final class IdempotentCommands {

  private final Transactions transactions;
  private final Clock clock;

  public IdempotentCommands(Transactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * @param work the command, given the write model and the time it happens at
   */
  public <R> Outcome<R> run(
      CommandContext context,
      Class<R> resultType,
      BiFunction<WriteModel, Instant, Outcome<R>> work) {
    return transactions.inTransaction(
        model -> {
          Optional<byte[]> earlier = model.commands().claim(context);
          if (earlier.isPresent()) {
            return MessageDigest.isEqual(earlier.get(), context.fingerprint())
                ? Outcome.success(model.commands().result(context, resultType))
                : Outcome.rejected(reused(context));
          }
          // PostgreSQL keeps microseconds: events must carry the same instants the tables do.
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          Outcome<R> outcome = work.apply(model, now);
          if (outcome instanceof Outcome.Success<R> success) {
            model.commands().complete(context, success.value());
          }
          return outcome;
        });
  }

  private static Rejection reused(CommandContext context) {
    return new Rejection.AlreadyExists(
        "REQUEST_ID_REUSED",
        "request id " + context.requestId() + " was already used for a different command",
        Map.of("request_id", context.requestId().value()));
  }
}
