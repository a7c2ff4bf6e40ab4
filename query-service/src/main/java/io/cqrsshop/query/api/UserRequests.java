package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.query.application.UserListing;
import io.cqrsshop.shared.Outcome;

/** Validates user requests and maps them to queries. */
final class UserRequests {

  static final int DEFAULT_PAGE_SIZE = 20;

  private UserRequests() {}

  static Outcome<Checked<String>> get(GetUserRequest request) {
    return RequestCheck.oneById(
        request, "user_id", request.getUserId(), request.getConsistencyTokensList());
  }

  static Outcome<Checked<String>> findByEmail(FindUserByEmailRequest request) {
    RequestCheck check = new RequestCheck(request);
    String email = check.email("email", request.getEmail());
    return check.result(() -> email, check.consistencyTokens(request.getConsistencyTokensList()));
  }

  static Outcome<Checked<UserListing>> list(ListUsersRequest request, PageTokens pageTokens) {
    RequestCheck check = new RequestCheck(request);
    String filter = check.text("filter", request.getFilter());
    int pageSize = check.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE);
    var after =
        check.pageToken(
            request.getPageToken(),
            pageTokens,
            PageCursor.Shape.of(String.class, String.class).withMissing(0));
    var writes = check.consistencyTokens(request.getConsistencyTokensList());
    return check.result(() -> new UserListing(filter, pageSize, after), writes);
  }
}
