package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.CountRequest;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetRequest;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.cqrsshop.query.application.ReadModelUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reads query-service makes against Elasticsearch, timed per operation, with failures sorted
 * into "Elasticsearch cannot answer now" ({@link ReadModelUnavailableException}) and bugs.
 */
public final class ElasticsearchReader {

  private static final String INDEX_NOT_FOUND = "index_not_found_exception";

  private final ElasticsearchClient client;
  private final MeterRegistry registry;

  public ElasticsearchReader(ElasticsearchClient client, MeterRegistry registry) {
    this.client = client;
    this.registry = registry;
  }

  /** A document by id, read in real time; empty when it or its whole index does not exist. */
  public <T> Optional<T> get(String operation, String index, String id, Class<T> type) {
    try {
      GetResponse<T> response = call(operation, () -> client.get(g -> g.index(index).id(id), type));
      return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    } catch (ElasticsearchException e) {
      if (isMissingIndex(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The versions of documents, read in real time (see {@link ProgressQueries#storedVersions}); a
   * document that does not exist, or whose index does not, is absent from the map.
   */
  public Map<String, Long> versions(String operation, MgetRequest request) {
    MgetResponse<Void> response = call(operation, () -> client.mget(request, Void.class));
    Map<String, Long> versions = new HashMap<>();
    for (MultiGetResponseItem<Void> item : response.docs()) {
      if (item.isResult()) {
        GetResult<Void> document = item.result();
        if (document.found() && document.version() != null) {
          versions.put(document.id(), document.version());
        }
      } else if (!INDEX_NOT_FOUND.equals(item.failure().error().type())) {
        // A multi-get reports failures per document, with the request itself a success.
        throw new ReadModelUnavailableException(
            "Elasticsearch cannot read " + item.failure().id() + ": " + item.failure().error(),
            null);
      }
    }
    return versions;
  }

  public <T> SearchResponse<T> search(String operation, SearchRequest request, Class<T> type) {
    return call(operation, () -> client.search(request, type));
  }

  public long count(String operation, CountRequest request) {
    return call(operation, () -> client.count(request)).count();
  }

  private <R> R call(String operation, Call<R> call) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      R result = call.run();
      outcome = "ok";
      return result;
    } catch (IOException e) {
      outcome = "unavailable";
      throw new ReadModelUnavailableException("Elasticsearch cannot be reached: " + e, e);
    } catch (ElasticsearchException e) {
      if (isMissingIndex(e)) {
        outcome = "ok";
      } else if (isTransient(e.status())) {
        outcome = "unavailable";
        throw new ReadModelUnavailableException("Elasticsearch cannot answer: " + e.error(), e);
      }
      throw e;
    } finally {
      sample.stop(
          Timer.builder("query.elasticsearch.requests")
              .description("Requests to Elasticsearch by operation and outcome")
              .tag("operation", operation)
              .tag("outcome", outcome)
              .register(registry));
    }
  }

  private static boolean isMissingIndex(ElasticsearchException e) {
    return e.status() == 404 && INDEX_NOT_FOUND.equals(e.error().type());
  }

  /** Overload (429) and server-side trouble (5xx) pass; a retry later can succeed. */
  private static boolean isTransient(int status) {
    return status == 429 || status >= 500;
  }

  @FunctionalInterface
  private interface Call<R> {
    R run() throws IOException;
  }
}
