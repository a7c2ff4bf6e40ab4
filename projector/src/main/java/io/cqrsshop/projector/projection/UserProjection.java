package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.EmailHistoryEntry;
import io.cqrsshop.proto.events.v1.UserState;
import io.cqrsshop.readmodel.UserDocument;

/** Maps a user's state to its lookup document; a deleted user stays as a tombstone. */
public final class UserProjection {

  private UserProjection() {}

  public static UserDocument toDocument(UserState user, long version) {
    return new UserDocument(
        user.getUserId(),
        user.getEmail(),
        user.getName(),
        user.getEmailHistoryList().stream().map(UserProjection::historyEntry).toList(),
        user.getDeleted(),
        version,
        Timestamps.instant(user.hasCreateTime(), user.getCreateTime()),
        Timestamps.instant(user.hasUpdateTime(), user.getUpdateTime()));
  }

  private static UserDocument.EmailHistoryEntry historyEntry(EmailHistoryEntry entry) {
    return new UserDocument.EmailHistoryEntry(
        entry.getEmail(), Timestamps.instant(entry.hasChangeTime(), entry.getChangeTime()));
  }
}
