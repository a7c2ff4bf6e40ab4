package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Moves a live user to an address no other live user has, keeping the old one in its history. */
public final class ChangingUserEmail {

  private final IdempotentCommands commands;

  public ChangingUserEmail(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(ChangeUserEmail command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            UserChanges.change(
                    model,
                    context.requestId(),
                    command.userId(),
                    user -> user.changeEmail(command.expectedVersion(), command.email(), now))
                .map(Receipt::of));
  }
}
