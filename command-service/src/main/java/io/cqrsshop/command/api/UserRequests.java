package io.cqrsshop.command.api;

import io.cqrsshop.command.application.user.ChangeUserEmail;
import io.cqrsshop.command.application.user.CreateUser;
import io.cqrsshop.command.application.user.DeleteUser;
import io.cqrsshop.command.application.user.RenameUser;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.UserName;
import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Validates user requests field by field and turns them into commands. */
final class UserRequests {

  private UserRequests() {}

  static Supplier<CreateUser> create(CreateUserRequest request, Violations violations) {
    Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
    Optional<String> name = UserName.parse(request.getName(), "name", violations);
    return () -> new CreateUser(email.orElseThrow(), name.orElseThrow());
  }

  static Supplier<RenameUser> rename(RenameUserRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<String> name = UserName.parse(request.getName(), "name", violations);
    return () -> new RenameUser(id.orElseThrow(), expected.orElseThrow(), name.orElseThrow());
  }

  static Supplier<ChangeUserEmail> changeEmail(
      ChangeUserEmailRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
    return () -> new ChangeUserEmail(id.orElseThrow(), expected.orElseThrow(), email.orElseThrow());
  }

  static Supplier<DeleteUser> delete(DeleteUserRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return () -> new DeleteUser(id.orElseThrow(), expected.orElseThrow());
  }
}
