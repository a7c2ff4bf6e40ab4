package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import io.cqrsshop.query.application.SalesAnalytics;
import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.query.domain.SalesFigures;
import io.cqrsshop.query.domain.TopProduct;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sales read model in Elasticsearch. Sums come back as doubles, exact for amounts below 2^53
 * minor units, far beyond any realistic day or range.
 */
public final class ElasticsearchSalesAnalytics implements SalesAnalytics {

  private final ElasticsearchReader reader;
  private final String index;

  public ElasticsearchSalesAnalytics(ElasticsearchReader reader, IndexNames names) {
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
        .map(ElasticsearchSalesAnalytics::topProduct)
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
}
