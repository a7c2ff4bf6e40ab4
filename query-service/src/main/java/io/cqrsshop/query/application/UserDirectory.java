package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.UserDocument;
import java.util.Optional;

/** The users read model; deleted users stay in it as tombstones. */
public interface UserDirectory {

  /** The user document, tombstone or not. */
  Optional<UserDocument> find(String userId);

  /** The live user with this address, compared case-insensitively. */
  Optional<UserDocument> findLiveByEmail(String email);

  /** Live users by name. */
  Page<UserDocument> list(UserListing listing);
}
