package io.cqrsshop.command.domain.user;

import io.cqrsshop.shared.Rejection;
import java.util.Map;
import java.util.UUID;

/** The ways commands on users are refused. */
public final class UserRejections {

  private UserRejections() {}

  /** Also what a deleted user looks like to commands: a tombstone is not there to change. */
  public static Rejection notFound(UUID userId) {
    return new Rejection.NotFound(
        "USER_NOT_FOUND",
        "user " + userId + " does not exist",
        Map.of("user_id", userId.toString()));
  }

  public static Rejection emailInUse(Email email) {
    return new Rejection.AlreadyExists(
        "EMAIL_ALREADY_IN_USE",
        "another user has the address " + email.value(),
        Map.of("email", email.value()));
  }

  static String aggregate(UUID userId) {
    return "user " + userId;
  }
}
