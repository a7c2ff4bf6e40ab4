package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Map;

/** Answers GetUser: one live user by id; a deleted user is as absent as an unknown one. */
public final class LookingUpUser {

  private final ReadYourWrites readYourWrites;
  private final UserDirectory users;

  public LookingUpUser(ReadYourWrites readYourWrites, UserDirectory users) {
    this.readYourWrites = readYourWrites;
    this.users = users;
  }

  public Outcome<UserDocument> lookUp(String userId, ReadConsistency consistency) {
    return readYourWrites
        .lookUp(
            ReadModel.USERS, userId, consistency, () -> users.find(userId), UserDocument::version)
        .flatMap(
            found ->
                found
                    .filter(user -> !user.deleted())
                    .map(Outcome::success)
                    .orElseGet(
                        () ->
                            Outcome.rejected(
                                new Rejection.NotFound(
                                    "USER_NOT_FOUND",
                                    "no user with id " + userId,
                                    Map.of("user_id", userId)))));
  }
}
