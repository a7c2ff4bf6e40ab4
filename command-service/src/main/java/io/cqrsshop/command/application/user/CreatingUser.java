package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.command.domain.user.UserRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;

/** Registers a user whose address no live user has. */
public final class CreatingUser {

  /** Register a user. */
  public record CreateUser(Email email, String name) {}

  public Outcome<Receipt> handle(CreateUser command, Transaction tx) {
    UserEvent.Created created =
        User.create(UUID.randomUUID(), command.email(), command.name(), tx.now());
    if (!tx.users().add(created.user())) {
      return Outcome.rejected(UserRejections.emailInUse(command.email()));
    }
    tx.append(List.of(created));
    return Outcome.success(Receipt.of(created));
  }
}
