package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.command.domain.user.UserRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What every change of one existing user does around its decision: lock the user (NOT_FOUND when
 * there is none), let the user decide, store its new state (refused when its address has meanwhile
 * gone to another live user) and append the event.
 */
final class ExistingUser {

  private ExistingUser() {}

  /** The change, answered with the receipt of its event. */
  static <E extends UserEvent> Outcome<Receipt> receipt(
      Transaction tx, UUID userId, Function<User, Outcome<E>> decision) {
    return tx.users()
        .lock(userId)
        .map(decision)
        .orElseGet(() -> Outcome.rejected(UserRejections.notFound(userId)))
        .flatMap(
            event -> {
              if (!tx.users().update(event.user())) {
                // The transaction is rolled back: nothing of the command remains.
                return Outcome.rejected(UserRejections.emailInUse(event.user().email()));
              }
              tx.append(List.of(event));
              return Outcome.success(Receipt.of(event));
            });
  }
}
