package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Changes the name of a live user. */
public final class RenamingUser {

  /** Give a user a new name. */
  public record RenameUser(UUID userId, ExpectedVersion expected, String name) {}

  public Outcome<Receipt> handle(RenameUser command, Transaction tx) {
    return ExistingUser.receipt(
        tx, command.userId(), user -> user.rename(command.expected(), command.name(), tx.now()));
  }
}
