package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Deletes a user, leaving a tombstone and freeing the address. */
public final class DeletingUser {

  /** Delete a user. */
  public record DeleteUser(UUID userId, ExpectedVersion expected) {}

  public Outcome<Receipt> handle(DeleteUser command, Transaction tx) {
    return ExistingUser.receipt(
        tx, command.userId(), user -> user.delete(command.expected(), tx.now()));
  }
}
