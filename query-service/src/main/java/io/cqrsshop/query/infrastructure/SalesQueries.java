package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.util.NamedValue;
import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.readmodel.SalesDocument.Fields;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Builds the sales aggregations; pure, so that their shape is tested without a server. */
public final class SalesQueries {

  static final String PER_DAY = "per_day";
  static final String REVENUE = "revenue";
  static final String LINES = "lines";
  static final String PRODUCTS = "products";
  static final String UNITS = "units";
  static final String NAMES = "names";
  static final String DAY_FORMAT = "yyyy-MM-dd";

  private static final LocalTime LAST_MILLISECOND = LocalTime.of(23, 59, 59, 999_000_000);

  private SalesQueries() {}

  /** Orders and revenue per day: a bucket for every day of the range, empty ones included. */
  public static SearchRequest perDay(String index, SalesPeriod period) {
    String first = period.range().first().toString();
    String last = period.range().last().toString();
    Aggregation perDay =
        Aggregation.of(
            a ->
                a.dateHistogram(
                        h ->
                            h.field(Fields.PLACED_AT)
                                .calendarInterval(CalendarInterval.Day)
                                .timeZone("UTC")
                                .format(DAY_FORMAT)
                                .minDocCount(0)
                                .extendedBounds(
                                    b ->
                                        b.min(FieldDateMath.of(m -> m.expr(first)))
                                            .max(FieldDateMath.of(m -> m.expr(last)))))
                    .aggregations(REVENUE, sum(Fields.TOTAL_MINOR)));
    return SearchRequest.of(
        s ->
            s.index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .query(filter(period))
                .aggregations(PER_DAY, perDay));
  }

  /**
   * Products by units or revenue over the period's order lines. The name is the one captured most
   * often on those lines; ties between products go to the smaller id, so the ranking is stable.
   */
  public static SearchRequest topProducts(String index, TopProductsQuery query) {
    String metric = query.ranking() == TopProductsQuery.Ranking.REVENUE ? REVENUE : UNITS;
    Aggregation products =
        Aggregation.of(
            a ->
                a.terms(
                        t ->
                            t.field(Fields.LINE_PRODUCT_ID)
                                .size(query.limit())
                                .order(
                                    NamedValue.of(metric, SortOrder.Desc),
                                    NamedValue.of("_key", SortOrder.Asc)))
                    .aggregations(UNITS, sum(Fields.LINE_QUANTITY))
                    .aggregations(REVENUE, sum(Fields.LINE_REVENUE_MINOR))
                    .aggregations(
                        NAMES, n -> n.terms(t -> t.field(Fields.LINE_PRODUCT_NAME).size(1))));
    return SearchRequest.of(
        s ->
            s.index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .query(filter(query.period()))
                .aggregations(
                    LINES,
                    a -> a.nested(n -> n.path(Fields.LINES)).aggregations(PRODUCTS, products)));
  }

  /**
   * Counted (not cancelled) orders of the currency placed on the days of the range, in UTC. The
   * upper bound is the last millisecond of the last day (placed_at has millisecond precision)
   * rather than the next midnight, which for 9999-12-31 would be a year Elasticsearch refuses.
   */
  static Query filter(SalesPeriod period) {
    String from = period.range().first().atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    String until =
        period
            .range()
            .last()
            .atTime(LAST_MILLISECOND)
            .atOffset(ZoneOffset.UTC)
            .toInstant()
            .toString();
    return Query.of(
        q ->
            q.bool(
                b ->
                    b.filter(Queries.term(Fields.COUNTED, true))
                        .filter(Queries.term(Fields.CURRENCY, period.currency()))
                        .filter(
                            f ->
                                f.range(
                                    r ->
                                        r.date(
                                            d ->
                                                d.field(Fields.PLACED_AT).gte(from).lte(until))))));
  }

  private static Aggregation sum(String field) {
    return Aggregation.of(a -> a.sum(s -> s.field(field)));
  }
}
