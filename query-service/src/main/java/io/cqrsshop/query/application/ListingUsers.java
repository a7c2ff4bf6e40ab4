package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
import io.cqrsshop.shared.Outcome;

/** Answers ListUsers: a page of live users by name. */
public final class ListingUsers {

  private final ReadYourWrites readYourWrites;
  private final UserDirectory users;

  public ListingUsers(ReadYourWrites readYourWrites, UserDirectory users) {
    this.readYourWrites = readYourWrites;
    this.users = users;
  }

  public Outcome<Page<UserDocument>> list(UserListing listing, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.USERS, Visibility.SEARCH, consistency)
        .map(ready -> users.list(listing));
  }
}
