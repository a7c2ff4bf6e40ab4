package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.command.domain.user.UserRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;

/** Registers a user whose address no live user has. */
public final class CreatingUser {

  private final IdempotentCommands commands;

  public CreatingUser(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(CreateUser command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) -> {
          UserEvent.Created created =
              User.create(UUID.randomUUID(), command.email(), command.name(), now);
          if (!model.users().add(created.user())) {
            return Outcome.rejected(UserRejections.emailInUse(command.email()));
          }
          model.events().append(List.of(created), context.requestId());
          return Outcome.success(Receipt.of(created));
        });
  }
}
