package io.cqrsshop.command.api;

import io.cqrsshop.command.application.AggregateChanges;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserName;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateUserResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The user RPCs, one registration each: how the request is checked, what it asks of the user (the
 * domain method is the business rule), and what the response says.
 */
final class UserCommands {

  private UserCommands() {}

  static List<CommandRpc<?, ?, ?>> all(IdempotentCommands commands) {
    AggregateChanges changes = new AggregateChanges(commands);
    return List.of(create(changes), rename(changes), changeEmail(changes), delete(changes));
  }

  /** Registers a user whose address no live user has. */
  private static CommandRpc<?, ?, ?> create(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getCreateUserMethod(),
        (request, violations) -> {
          Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
          Optional<String> name = UserName.parse(request.getName(), "name", violations);
          return context ->
              changes.newUser(
                  context,
                  now ->
                      User.create(UUID.randomUUID(), email.orElseThrow(), name.orElseThrow(), now));
        },
        (Receipt receipt) ->
            Responses.of(
                CreateUserResponse.newBuilder()
                    .setUserId(receipt.written().id().toString())
                    .build(),
                receipt));
  }

  /** Changes the name of a live user. */
  private static CommandRpc<?, ?, ?> rename(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getRenameUserMethod(),
        (request, violations) -> {
          Addressed user = Addressed.parse(request, "user_id", violations);
          Optional<String> name = UserName.parse(request.getName(), "name", violations);
          return context ->
              changes.user(
                  context,
                  user.id(),
                  (current, now) -> current.rename(user.expected(), name.orElseThrow(), now));
        });
  }

  /** Moves a live user to an address no other live user has, keeping the old one in its history. */
  private static CommandRpc<?, ?, ?> changeEmail(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getChangeUserEmailMethod(),
        (request, violations) -> {
          Addressed user = Addressed.parse(request, "user_id", violations);
          Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
          return context ->
              changes.user(
                  context,
                  user.id(),
                  (current, now) -> current.changeEmail(user.expected(), email.orElseThrow(), now));
        });
  }

  /** Deletes a user, leaving a tombstone and freeing the address. */
  private static CommandRpc<?, ?, ?> delete(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getDeleteUserMethod(),
        (request, violations) -> {
          Addressed user = Addressed.parse(request, "user_id", violations);
          return context ->
              changes.user(
                  context, user.id(), (current, now) -> current.delete(user.expected(), now));
        });
  }
}
