package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.AggregateType;
import io.cqrsshop.proto.v1.ListAggregateHistoryRequest;
import io.cqrsshop.query.application.HistoryListing;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.shared.Outcome;

/** Validates history requests and maps them to queries. */
final class HistoryRequests {

  static final int DEFAULT_PAGE_SIZE = 20;

  private HistoryRequests() {}

  static Outcome<Checked<HistoryListing>> list(
      ListAggregateHistoryRequest request, PageTokens pageTokens) {
    RequestCheck check = new RequestCheck(request);
    var type = type(request.getAggregateType());
    check.require(
        type != null, "aggregate_type", "must be AGGREGATE_TYPE_PRODUCT, _USER or _ORDER");
    String id = check.id("aggregate_id", request.getAggregateId());
    int pageSize = check.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE);
    var after =
        check.pageToken(request.getPageToken(), pageTokens, PageCursor.Shape.of(Long.class));
    var writes = check.consistencyTokens(request.getConsistencyTokensList());
    return check.result(() -> new HistoryListing(type, id, pageSize, after), writes);
  }

  private static io.cqrsshop.shared.AggregateType type(AggregateType type) {
    return switch (type) {
      case AGGREGATE_TYPE_PRODUCT -> io.cqrsshop.shared.AggregateType.PRODUCT;
      case AGGREGATE_TYPE_USER -> io.cqrsshop.shared.AggregateType.USER;
      case AGGREGATE_TYPE_ORDER -> io.cqrsshop.shared.AggregateType.ORDER;
      case AGGREGATE_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }
}
