package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.GetTopProductsRequest;
import io.cqrsshop.proto.v1.TopProductsMetric;
import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.query.domain.DateRange;
import io.cqrsshop.shared.Outcome;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Validates sales report requests and maps them to queries. */
final class SalesRequests {

  static final int DEFAULT_LIMIT = 10;

  /**
   * The days every store on the way accepts: Java parses years far beyond them, Elasticsearch
   * refuses years past 9999 (and the read models hold no sale before year 1).
   */
  static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);

  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private SalesRequests() {}

  static Outcome<Checked<SalesPeriod>> summary(GetSalesSummaryRequest request) {
    RequestCheck check = new RequestCheck(request);
    Optional<DateRange> range = range(check, request.getStartDate(), request.getEndDate());
    String currency = request.getCurrencyCode();
    check.currencyCode("currency_code", currency);
    var writes = check.consistencyTokens(request.getConsistencyTokensList());
    return check.result(() -> new SalesPeriod(range.orElseThrow(), currency), writes);
  }

  /** A metric left UNSPECIFIED ranks by units, the plainer meaning of "best-selling". */
  static Outcome<Checked<TopProductsQuery>> topProducts(GetTopProductsRequest request) {
    RequestCheck check = new RequestCheck(request);
    Optional<DateRange> range = range(check, request.getStartDate(), request.getEndDate());
    String currency = request.getCurrencyCode();
    check.currencyCode("currency_code", currency);
    check.knownEnum("metric", request.getMetric() == TopProductsMetric.UNRECOGNIZED);
    int limit = check.pageSize("limit", request.getLimit(), DEFAULT_LIMIT);
    TopProductsQuery.Ranking ranking =
        request.getMetric() == TopProductsMetric.TOP_PRODUCTS_METRIC_REVENUE
            ? TopProductsQuery.Ranking.REVENUE
            : TopProductsQuery.Ranking.UNITS;
    var writes = check.consistencyTokens(request.getConsistencyTokensList());
    return check.result(
        () -> new TopProductsQuery(new SalesPeriod(range.orElseThrow(), currency), ranking, limit),
        writes);
  }

  private static Optional<DateRange> range(RequestCheck check, String start, String end) {
    Optional<LocalDate> first = date(check, "start_date", start);
    Optional<LocalDate> last = date(check, "end_date", end);
    if (first.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem = DateRange.problem(first.get(), last.get());
    problem.ifPresent(description -> check.reject("end_date", description));
    return problem.isPresent()
        ? Optional.empty()
        : Optional.of(new DateRange(first.get(), last.get()));
  }

  private static Optional<LocalDate> date(RequestCheck check, String field, String value) {
    if (value.isEmpty()) {
      check.reject(field, "is required");
      return Optional.empty();
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      check.reject(field, "must be an ISO-8601 date such as 2026-11-01");
      return Optional.empty();
    }
    if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
      check.reject(field, "must be a day from " + FIRST_DAY + " to " + LAST_DAY);
      return Optional.empty();
    }
    return Optional.of(date);
  }
}
