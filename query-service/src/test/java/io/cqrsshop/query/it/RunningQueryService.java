package io.cqrsshop.query.it;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.query.QueryServiceApplication;
import io.cqrsshop.query.QueryServiceConfig;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelIndices;
import io.cqrsshop.testing.StackExtension;
import io.cqrsshop.testing.TestElasticsearch;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * query-service started in-process on free ports against the real test Elasticsearch, under an
 * index prefix of its own, with a real gRPC channel; writes documents the way the projector does
 * (whole, with the aggregate version as external version). A JUnit extension: in a static field the
 * class shares the service, in an instance field each test gets its own (see {@link
 * StackExtension}); it is removed after them, its indices deleted.
 */
final class RunningQueryService extends StackExtension {

  final String prefix = TestElasticsearch.uniquePrefix();
  final IndexNames names = new IndexNames(prefix);
  final ElasticsearchClient elasticsearch =
      ElasticsearchClients.create(ElasticsearchConnection.anonymous(TestElasticsearch.url()));
  final QueryServiceApplication application;
  final ManagedChannel channel;
  final QueryServiceGrpc.QueryServiceBlockingStub queries;

  private RunningQueryService(
      String elasticsearchUrl, Duration consistencyMaxWait, Map<String, String> extraEnv) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "QUERY_LISTEN_HOST", "127.0.0.1",
                "QUERY_GRPC_PORT", "0",
                "QUERY_METRICS_PORT", "0",
                "QUERY_ELASTICSEARCH_URL", elasticsearchUrl,
                "QUERY_INDEX_PREFIX", prefix,
                "QUERY_CONSISTENCY_MAX_WAIT", consistencyMaxWait.toMillis() + "ms",
                "QUERY_SHUTDOWN_GRACE", "2s"));
    env.putAll(extraEnv);
    application = QueryServiceApplication.start(QueryServiceConfig.fromEnv(env));
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", application.grpcPort()).usePlaintext().build();
    queries = QueryServiceGrpc.newBlockingStub(channel);
  }

  static RunningQueryService start() {
    return start(Duration.ofSeconds(5));
  }

  static RunningQueryService start(Duration consistencyMaxWait) {
    return new RunningQueryService(TestElasticsearch.url(), consistencyMaxWait, Map.of());
  }

  /** Configured further by {@code env}, for example to authenticate callers. */
  static RunningQueryService startWith(Map<String, String> env) {
    return new RunningQueryService(TestElasticsearch.url(), Duration.ofSeconds(5), env);
  }

  /** Reaches Elasticsearch at another URL, for example through a proxy. */
  static RunningQueryService startAgainst(String elasticsearchUrl) {
    return new RunningQueryService(elasticsearchUrl, Duration.ofSeconds(5), Map.of());
  }

  RunningQueryService withIndices() {
    return withIndices(IndexSettings.singleNode());
  }

  RunningQueryService withIndices(IndexSettings settings) {
    try {
      new ReadModelIndices(elasticsearch, names, settings).ensureAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes documents the way the projector does, and makes them searchable at once. */
  void index(ReadModel model, Object... documents) {
    List<BulkOperation> operations = new ArrayList<>();
    for (Object document : documents) {
      operations.add(
          BulkOperation.of(
              b ->
                  b.index(
                      i ->
                          i.index(names.alias(model))
                              .id(Documents.idOf(document))
                              .document(document)
                              .version(Documents.versionOf(document))
                              .versionType(VersionType.External))));
    }
    try {
      BulkResponse response =
          elasticsearch.bulk(b -> b.operations(operations).refresh(Refresh.True));
      if (response.errors()) {
        throw new IllegalStateException("bulk failed: " + response.items());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one document without a refresh: searches see it only after the next one. */
  void indexUnrefreshed(ReadModel model, Object document) {
    try {
      elasticsearch.index(
          i ->
              i.index(names.alias(model))
                  .id(Documents.idOf(document))
                  .document(document)
                  .version(Documents.versionOf(document))
                  .versionType(VersionType.External));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the service's metrics endpoint shows now, in the Prometheus text format. */
  String metrics() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + application.metricsPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @Override
  protected void stop() throws IOException {
    channel.shutdownNow();
    application.shutdown();
    try {
      elasticsearch.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestElasticsearch.deleteIndices(prefix);
  }
}
