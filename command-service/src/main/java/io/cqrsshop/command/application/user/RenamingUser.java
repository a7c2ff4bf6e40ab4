package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Changes the name of a live user. */
public final class RenamingUser {

  private final IdempotentCommands commands;

  public RenamingUser(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(RenameUser command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            UserChanges.change(
                    model,
                    context.requestId(),
                    command.userId(),
                    user -> user.rename(command.expectedVersion(), command.name(), now))
                .map(Receipt::of));
  }
}
