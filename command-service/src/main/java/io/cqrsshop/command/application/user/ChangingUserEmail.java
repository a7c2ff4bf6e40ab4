package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.shared.Outcome;
import java.util.UUID;

/** Moves a live user to an address no other live user has, keeping the old one in its history. */
public final class ChangingUserEmail {

  /** Move a user to another address. */
  public record ChangeUserEmail(UUID userId, ExpectedVersion expected, Email email) {}

  public Outcome<Receipt> handle(ChangeUserEmail command, Transaction tx) {
    return ExistingUser.receipt(
        tx,
        command.userId(),
        user -> user.changeEmail(command.expected(), command.email(), tx.now()));
  }
}
