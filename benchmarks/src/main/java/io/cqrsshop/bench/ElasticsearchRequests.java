package io.cqrsshop.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The requests query-service sends to Elasticsearch for GetProduct, SearchProducts,
 * ListCustomerOrders and GetSalesSummary (without consistency tokens), written out so that the
 * harness can send the very same ones itself: same paths, query parameters and bodies as the
 * Elasticsearch Java client makes of {@code ProductQueries}, {@code OrderQueries} and {@code
 * SalesQueries}. {@code ElasticsearchRequestsTest} fails when those builders change and these do
 * not.
 */
final class ElasticsearchRequests {

  /** What the Elasticsearch Java client adds to every search. */
  static final String SEARCH_PARAMETERS =
      "?typed_keys=true&ignore_unavailable=true&allow_no_indices=true";

  /** The page size query-service uses when a request names none. */
  static final int DEFAULT_PAGE_SIZE = 20;

  private final String prefix;

  /**
   * @param prefix the services' INDEX_PREFIX; the read models' aliases follow it
   */
  ElasticsearchRequests(String prefix) {
    this.prefix = prefix;
  }

  /** One HTTP request. */
  record Request(String method, String path, Optional<String> body) {}

  /** GetProduct: a real-time GET of the document. */
  Request getProduct(String productId) {
    return new Request("GET", "/" + alias("products") + "/_doc/" + productId, Optional.empty());
  }

  /**
   * SearchProducts with text, a category, a price range in one currency and both flags, sorted by
   * relevance (the default with text), first page.
   */
  Request searchProducts(String text, String category, String currency, long min, long max) {
    String body =
        "{\"query\":{\"bool\":{\"filter\":["
            + term("category", string(category))
            + ","
            + term("currency", string(currency))
            + ",{\"range\":{\"price_minor\":{\"gte\":"
            + min
            + "}}},{\"range\":{\"price_minor\":{\"lte\":"
            + max
            + "}}},"
            + term("active", "true")
            + ","
            + term("available", "true")
            + "],\"must\":[{\"multi_match\":{\"fields\":[\"name^2\",\"description\"],"
            + "\"operator\":\"and\",\"query\":"
            + string(text)
            + ",\"type\":\"cross_fields\"}}]}},\"size\":"
            + (DEFAULT_PAGE_SIZE + 1)
            + ",\"sort\":[{\"_score\":{\"order\":\"desc\"}},{\"product_id\":{\"order\":\"asc\"}}],"
            + "\"track_total_hits\":10000}";
    return search("products", body);
  }

  /** ListCustomerOrders: a customer's first page, newest first, any status. */
  Request listCustomerOrders(String customerId) {
    String body =
        "{\"query\":{\"bool\":{\"filter\":["
            + term("customer_id", string(customerId))
            + "]}},\"size\":"
            + (DEFAULT_PAGE_SIZE + 1)
            + ",\"sort\":[{\"placed_at\":{\"order\":\"desc\"}},{\"order_id\":{\"order\":\"desc\"}}]}";
    return search("orders", body);
  }

  /** GetSalesSummary: orders and revenue per day over {@code first..last} in one currency. */
  Request salesSummary(LocalDate first, LocalDate last, String currency) {
    String from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    // As query-service: up to the last millisecond of the last day (a next midnight after
    // 9999-12-31 would be a year Elasticsearch refuses).
    String until =
        last.atTime(java.time.LocalTime.of(23, 59, 59, 999_000_000))
            .atOffset(ZoneOffset.UTC)
            .toInstant()
            .toString();
    String body =
        "{\"aggregations\":{\"per_day\":{\"aggregations\":{\"revenue\":{\"sum\":"
            + "{\"field\":\"total_minor\"}}},\"date_histogram\":{\"calendar_interval\":\"day\","
            + "\"extended_bounds\":{\"max\":"
            + string(last.toString())
            + ",\"min\":"
            + string(first.toString())
            + "},\"field\":\"placed_at\",\"format\":\"yyyy-MM-dd\",\"min_doc_count\":0,"
            + "\"time_zone\":\"UTC\"}}},\"query\":{\"bool\":{\"filter\":["
            + term("counted", "true")
            + ","
            + term("currency", string(currency))
            + ",{\"range\":{\"placed_at\":{\"gte\":"
            + string(from)
            + ",\"lte\":"
            + string(until)
            + "}}}]}},\"size\":0}";
    return search("sales", body);
  }

  private Request search(String model, String body) {
    return new Request(
        "POST", "/" + alias(model) + "/_search" + SEARCH_PARAMETERS, Optional.of(body));
  }

  String alias(String model) {
    return prefix + model;
  }

  private static String term(String field, String jsonValue) {
    return "{\"term\":{\"" + field + "\":{\"value\":" + jsonValue + "}}}";
  }

  /** A JSON string literal. */
  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
