package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.util.NamedValue;
import io.cqrsshop.query.application.SalesAnalytics;
import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.query.domain.SalesFigures;
import io.cqrsshop.query.domain.TopProduct;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.SalesDocument.Fields;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sales read model in Elasticsearch: its aggregations, each built by a pure function (tested
 * without a server) and run by the port's method. Sums come back as doubles, exact for amounts
 * below 2^53 minor units, far beyond any realistic day or range.
 */
public final class SalesQueries implements SalesAnalytics {

  static final String PER_DAY = "per_day";
  static final String REVENUE = "revenue";
  static final String LINES = "lines";
  static final String PRODUCTS = "products";
  static final String UNITS = "units";
  static final String NAMES = "names";
  static final String DAY_FORMAT = "yyyy-MM-dd";

  private static final LocalTime LAST_MILLISECOND = LocalTime.of(23, 59, 59, 999_000_000);

  private final ElasticsearchReader reader;
  private final String index;

  public SalesQueries(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.index = names.alias(ReadModel.SALES);
  }

  @Override
  public Map<LocalDate, SalesFigures> salesPerDay(SalesPeriod period) {
    var response = reader.search("sales_per_day", SalesQueries.perDay(index, period), Void.class);
    // A read model that does not exist yet answers without aggregations.
    Aggregate perDay = response.aggregations().get(SalesQueries.PER_DAY);
    Map<LocalDate, SalesFigures> days = new HashMap<>();
    if (perDay == null) {
      return days;
    }
    for (DateHistogramBucket bucket : perDay.dateHistogram().buckets().array()) {
      if (bucket.docCount() > 0) {
        days.put(
            LocalDate.parse(bucket.keyAsString()),
            new SalesFigures(bucket.docCount(), sum(bucket.aggregations(), SalesQueries.REVENUE)));
      }
    }
    return days;
  }

  @Override
  public List<TopProduct> topProducts(TopProductsQuery query) {
    var response =
        reader.search("top_products", SalesQueries.topProducts(index, query), Void.class);
    Aggregate lines = response.aggregations().get(SalesQueries.LINES);
    if (lines == null) {
      return List.of();
    }
    return lines
        .nested()
        .aggregations()
        .get(SalesQueries.PRODUCTS)
        .sterms()
        .buckets()
        .array()
        .stream()
        .map(SalesQueries::topProduct)
        .toList();
  }

  private static TopProduct topProduct(StringTermsBucket bucket) {
    List<StringTermsBucket> names =
        bucket.aggregations().get(SalesQueries.NAMES).sterms().buckets().array();
    return new TopProduct(
        bucket.key().stringValue(),
        names.isEmpty() ? "" : names.getFirst().key().stringValue(),
        sum(bucket.aggregations(), SalesQueries.UNITS),
        sum(bucket.aggregations(), SalesQueries.REVENUE));
  }

  private static long sum(Map<String, Aggregate> aggregations, String name) {
    return Math.round(aggregations.get(name).sum().value());
  }

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
