package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.Outcome;

/** Deletes a user, leaving a tombstone and freeing the address. */
public final class DeletingUser {

  private final IdempotentCommands commands;

  public DeletingUser(IdempotentCommands commands) {
    this.commands = commands;
  }

  public Outcome<Receipt> handle(DeleteUser command, CommandContext context) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) ->
            UserChanges.change(
                    model,
                    context.requestId(),
                    command.userId(),
                    user -> user.delete(command.expectedVersion(), now))
                .map(Receipt::of));
  }
}
