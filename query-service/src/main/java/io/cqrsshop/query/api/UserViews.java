package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.EmailAddressChange;
import io.cqrsshop.proto.v1.FindUserByEmailResponse;
import io.cqrsshop.proto.v1.GetUserResponse;
import io.cqrsshop.proto.v1.ListUsersResponse;
import io.cqrsshop.proto.v1.User;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.UserDocument;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/** Maps user documents to the lookup view. */
final class UserViews {

  /** Oldest first, whatever order the document holds; the sort is stable for equal times. */
  private static final Comparator<UserDocument.EmailHistoryEntry> OLDEST_FIRST =
      Comparator.comparing(
          UserDocument.EmailHistoryEntry::changedAt,
          Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));

  private UserViews() {}

  /** GetUser's answer when there is no live user with the id. */
  static Rejection notFound(String userId) {
    return new Rejection.NotFound(
        "USER_NOT_FOUND", "no user with id " + userId, Map.of("user_id", userId));
  }

  /** FindUserByEmail's answer when no live user has the address. */
  static Rejection noSuchEmail(String email) {
    // The address stays out of the message: it is personal data.
    return new Rejection.NotFound("USER_NOT_FOUND", "no user with that email address");
  }

  static GetUserResponse getResponse(UserDocument user) {
    return GetUserResponse.newBuilder().setUser(user(user)).build();
  }

  static FindUserByEmailResponse findResponse(UserDocument user) {
    return FindUserByEmailResponse.newBuilder().setUser(user(user)).build();
  }

  static ListUsersResponse listResponse(
      Page<UserDocument> page, PageTokens pageTokens, String fingerprint) {
    ListUsersResponse.Builder response = ListUsersResponse.newBuilder();
    page.items().forEach(user -> response.addUsers(user(user)));
    page.next().ifPresent(next -> response.setNextPageToken(pageTokens.encode(next, fingerprint)));
    return response.build();
  }

  static User user(UserDocument document) {
    User.Builder user =
        User.newBuilder()
            .setUserId(document.userId())
            .setEmail(ProtoValues.text(document.email()))
            .setName(ProtoValues.text(document.name()))
            .setVersion(document.version());
    document.emailHistory().stream()
        .filter(Objects::nonNull)
        .sorted(OLDEST_FIRST)
        .forEach(entry -> user.addEmailHistory(change(entry)));
    ProtoValues.timestamp(document.createdAt()).ifPresent(user::setCreateTime);
    ProtoValues.timestamp(document.updatedAt()).ifPresent(user::setUpdateTime);
    return user.build();
  }

  private static EmailAddressChange change(UserDocument.EmailHistoryEntry entry) {
    EmailAddressChange.Builder change =
        EmailAddressChange.newBuilder().setEmail(ProtoValues.text(entry.email()));
    ProtoValues.timestamp(entry.changedAt()).ifPresent(change::setChangeTime);
    return change.build();
  }
}
