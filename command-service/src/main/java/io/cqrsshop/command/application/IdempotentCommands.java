package io.cqrsshop.command.application;

import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a command at most once per caller and request id, in a transaction of its own: a repeat of
 * the same command gets the very answer the first got (its bytes, stored with it), and a different
 * command under a used id is refused with {@code REQUEST_ID_REUSED}. A refused command is rolled
 * back together with its claim, so the client may retry it under the same id.
 */
public final class IdempotentCommands {

  private final Transactions transactions;
  private final Clock clock;

  public IdempotentCommands(Transactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * @param work the command and its answer as the client receives it, opaque here
   * @return the answer to the command, or the rejection that explains why there is none
   */
  public Outcome<byte[]> run(CommandContext context, Function<Transaction, Outcome<byte[]>> work) {
    return transactions.inTransaction(
        model -> {
          Optional<byte[]> earlier = model.commands().claim(context);
          if (earlier.isPresent()) {
            return MessageDigest.isEqual(earlier.get(), context.fingerprint())
                ? Outcome.success(model.commands().answer(context))
                : Outcome.rejected(reused(context));
          }
          // PostgreSQL keeps microseconds: events must carry the same instants the tables do.
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          Outcome<byte[]> outcome = work.apply(new Transaction(model, context, now));
          if (outcome instanceof Outcome.Success<byte[]> answer) {
            model.commands().complete(context, answer.value());
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
