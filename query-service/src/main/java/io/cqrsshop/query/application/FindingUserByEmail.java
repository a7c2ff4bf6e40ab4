package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;

/** Answers FindUserByEmail: the live user with an address, compared case-insensitively. */
public final class FindingUserByEmail {

  private final ReadYourWrites readYourWrites;
  private final UserDirectory users;

  public FindingUserByEmail(ReadYourWrites readYourWrites, UserDirectory users) {
    this.readYourWrites = readYourWrites;
    this.users = users;
  }

  public Outcome<UserDocument> find(String email, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.USERS, Visibility.SEARCH, consistency)
        .flatMap(
            ready ->
                users
                    .findLiveByEmail(email)
                    .map(Outcome::success)
                    .orElseGet(
                        () ->
                            // The address stays out of the message: it is personal data.
                            Outcome.rejected(
                                new Rejection.NotFound(
                                    "USER_NOT_FOUND", "no user with that email address"))));
  }
}
