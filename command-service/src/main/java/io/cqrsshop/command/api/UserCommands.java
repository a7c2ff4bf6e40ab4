package io.cqrsshop.command.api;

import io.cqrsshop.command.api.CommandRpc.Work;
import io.cqrsshop.command.application.user.ChangingUserEmail;
import io.cqrsshop.command.application.user.ChangingUserEmail.ChangeUserEmail;
import io.cqrsshop.command.application.user.CreatingUser;
import io.cqrsshop.command.application.user.CreatingUser.CreateUser;
import io.cqrsshop.command.application.user.DeletingUser;
import io.cqrsshop.command.application.user.DeletingUser.DeleteUser;
import io.cqrsshop.command.application.user.RenamingUser;
import io.cqrsshop.command.application.user.RenamingUser.RenameUser;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.UserName;
import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.ChangeUserEmailResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.CreateUserResponse;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.DeleteUserResponse;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.proto.v1.RenameUserResponse;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The user RPCs, one endpoint method each: it reads the request through the generated getters into
 * a typed command, hands it to the use case named for the act, and builds the response.
 */
final class UserCommands {

  private final CreatingUser creating = new CreatingUser();
  private final RenamingUser renaming = new RenamingUser();
  private final ChangingUserEmail changingEmail = new ChangingUserEmail();
  private final DeletingUser deleting = new DeletingUser();

  List<CommandRpc<?, ?>> all() {
    return List.of(
        CommandRpc.of(
            CommandServiceGrpc.getCreateUserMethod(),
            CreateUserRequest::getRequestId,
            this::createUser),
        CommandRpc.of(
            CommandServiceGrpc.getRenameUserMethod(),
            RenameUserRequest::getRequestId,
            this::renameUser),
        CommandRpc.of(
            CommandServiceGrpc.getChangeUserEmailMethod(),
            ChangeUserEmailRequest::getRequestId,
            this::changeUserEmail),
        CommandRpc.of(
            CommandServiceGrpc.getDeleteUserMethod(),
            DeleteUserRequest::getRequestId,
            this::deleteUser));
  }

  /** Registers a user whose address no live user has. */
  private Work<CreateUserResponse> createUser(CreateUserRequest request, Violations violations) {
    Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
    Optional<String> name = UserName.parse(request.getName(), "name", violations);
    return tx ->
        creating
            .handle(new CreateUser(email.orElseThrow(), name.orElseThrow()), tx)
            .map(
                receipt ->
                    CreateUserResponse.newBuilder()
                        .setUserId(receipt.written().id().toString())
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Changes the name of a live user. */
  private Work<RenameUserResponse> renameUser(RenameUserRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<String> name = UserName.parse(request.getName(), "name", violations);
    return tx ->
        renaming
            .handle(
                new RenameUser(id.orElseThrow(), expected.orElseThrow(), name.orElseThrow()), tx)
            .map(
                receipt ->
                    RenameUserResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Moves a live user to an address no other live user has, keeping the old one in its history. */
  private Work<ChangeUserEmailResponse> changeUserEmail(
      ChangeUserEmailRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
    return tx ->
        changingEmail
            .handle(
                new ChangeUserEmail(id.orElseThrow(), expected.orElseThrow(), email.orElseThrow()),
                tx)
            .map(
                receipt ->
                    ChangeUserEmailResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Deletes a user, leaving a tombstone and freeing the address. */
  private Work<DeleteUserResponse> deleteUser(DeleteUserRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        deleting
            .handle(new DeleteUser(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    DeleteUserResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }
}
