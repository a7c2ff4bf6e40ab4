package io.cqrsshop.system;

import io.cqrsshop.command.CommandServiceApplication;
import io.cqrsshop.command.CommandServiceConfig;
import io.cqrsshop.projector.ProjectorApplication;
import io.cqrsshop.projector.ProjectorConfig;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.query.QueryServiceApplication;
import io.cqrsshop.query.QueryServiceConfig;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.StackExtension;
import io.cqrsshop.testing.TestElasticsearch;
import io.cqrsshop.testing.TestPostgres;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The three deployables running in this JVM on ephemeral ports, wired to real PostgreSQL, NATS
 * JetStream and Elasticsearch exactly as in production, with clients for both gRPC services. A
 * JUnit extension (see {@link StackExtension} for its scope): after the class or the test, the
 * services stop and the database, the nats-server and the indices are removed.
 */
final class RunningSystem extends StackExtension {

  final TestPostgres.PostgresDatabase database = TestPostgres.createDatabase();
  final NatsServerProcess nats = NatsServerProcess.start();
  final String indexPrefix = TestElasticsearch.uniquePrefix();

  /**
   * The key query-service seals page tokens with (base64 of 32 bytes), known here so that tests can
   * play a client that got hold of it.
   */
  static final String PAGE_TOKEN_KEY = "c3lzdGVtLXRlc3RzIHBhZ2UtdG9rZW4ga2V5IDMyIGI=";

  /** Given to every service besides its own variables (the OTEL_* ones, say). */
  private Map<String, String> sharedEnv = Map.of();

  CommandServiceApplication command;
  ProjectorApplication projector;
  QueryServiceApplication query;
  private ManagedChannel commandChannel;
  private ManagedChannel queryChannel;

  /** Starts every service with {@code env} too; call before {@link #start()}. */
  RunningSystem withEnv(Map<String, String> env) {
    sharedEnv = Map.copyOf(env);
    return this;
  }

  RunningSystem start() {
    return start(io.cqrsshop.projector.ProjectorBuild.current());
  }

  /** Starts the system with a projector of another build (an older one, say). */
  RunningSystem start(io.cqrsshop.projector.ProjectorBuild build) {
    command = startCommandService();
    projector = startProjector(build);
    query = startQueryService(Map.of());
    commandChannel = channel(command.grpcPort());
    queryChannel = channel(query.grpcPort());
    awaitReadModelsBuilt(build.schemas().models());
    return this;
  }

  /**
   * Waits until the projector has built every read model (on a fresh system, from an empty history)
   * and finished those rebuilds, so that tests start from a steady read side.
   */
  void awaitReadModelsBuilt(java.util.List<io.cqrsshop.readmodel.ReadModel> models) {
    var client =
        io.cqrsshop.readmodel.ElasticsearchClients.create(
            io.cqrsshop.readmodel.ElasticsearchConnection.anonymous(TestElasticsearch.url()));
    try {
      var records =
          new io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords(
              client, new io.cqrsshop.readmodel.IndexNames(indexPrefix));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () -> {
                for (var model : models) {
                  var record = records.get(model.baseName());
                  if (record.isEmpty()
                      || record.get().value().state()
                          != io.cqrsshop.projector.application.rebuild.RebuildState.DONE) {
                    return false;
                  }
                }
                return true;
              });
    } finally {
      try {
        client._transport().close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  CommandServiceApplication startCommandService() {
    return CommandServiceApplication.start(
        CommandServiceConfig.fromEnv(
            withShared(
                "COMMAND_LISTEN_HOST", "127.0.0.1",
                "COMMAND_GRPC_PORT", "0",
                "COMMAND_METRICS_PORT", "0",
                "COMMAND_DB_URL", database.url(),
                "COMMAND_DB_USER", database.user(),
                "COMMAND_DB_PASSWORD", database.password(),
                "COMMAND_DB_MIGRATION_USER", database.owner().user(),
                "COMMAND_DB_MIGRATION_PASSWORD", database.owner().password(),
                "COMMAND_NATS_URL", nats.url())));
  }

  /** A query-service replica, with {@code env} over the usual variables. */
  QueryServiceApplication startQueryService(Map<String, String> env) {
    Map<String, String> all =
        withShared(
            "QUERY_LISTEN_HOST", "127.0.0.1",
            "QUERY_GRPC_PORT", "0",
            "QUERY_METRICS_PORT", "0",
            "QUERY_ELASTICSEARCH_URL", TestElasticsearch.url(),
            "QUERY_INDEX_PREFIX", indexPrefix,
            "QUERY_CONSISTENCY_MAX_WAIT", "20s",
            "QUERY_NATS_URL", nats.url());
    all.putAll(env);
    return QueryServiceApplication.start(QueryServiceConfig.fromEnv(all));
  }

  ProjectorApplication startProjector() {
    return startProjector(io.cqrsshop.projector.ProjectorBuild.current());
  }

  /** A projector of another build, as a rolling deployment runs older and newer ones. */
  ProjectorApplication startProjector(io.cqrsshop.projector.ProjectorBuild build) {
    return ProjectorApplication.start(
        ProjectorConfig.fromEnv(
            withShared(
                "PROJECTOR_LISTEN_HOST",
                "127.0.0.1",
                "PROJECTOR_HEALTH_PORT",
                "0",
                "PROJECTOR_METRICS_PORT",
                "0",
                "PROJECTOR_NATS_URL",
                nats.url(),
                "PROJECTOR_ELASTICSEARCH_URL",
                TestElasticsearch.url(),
                "PROJECTOR_INDEX_PREFIX",
                indexPrefix,
                "PROJECTOR_LIFECYCLE_INTERVAL",
                "500ms")),
        build);
  }

  private Map<String, String> withShared(String... namesAndValues) {
    Map<String, String> env = new java.util.HashMap<>(sharedEnv);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return env;
  }

  /** Runs the operator tool against this system; returns its exit status and output. */
  AdminRun admin(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int status =
        io.cqrsshop.admin.AdminMain.run(
            args,
            Map.of(
                "ADMIN_ELASTICSEARCH_URL", TestElasticsearch.url(),
                "ADMIN_INDEX_PREFIX", indexPrefix,
                "ADMIN_DB_URL", database.url(),
                "ADMIN_DB_USER", database.admin().user(),
                "ADMIN_DB_PASSWORD", database.admin().password()),
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true));
    return new AdminRun(status, out.toString(), err.toString());
  }

  /** Removes every event from the stream, as limits (max age, max messages) would over time. */
  void purgeStream() throws Exception {
    try (var connection = io.nats.client.Nats.connect(nats.url())) {
      connection.jetStreamManagement().purgeStream(io.cqrsshop.shared.EventSubjects.DEFAULT_STREAM);
    }
  }

  /** What one run of the operator tool did. */
  record AdminRun(int status, String out, String err) {}

  /** Creates a product of its own (a unique SKU): the simplest command that emits an event. */
  io.cqrsshop.proto.v1.CreateProductResponse createSomeProduct() {
    return commands()
        .createProduct(
            io.cqrsshop.proto.v1.CreateProductRequest.newBuilder()
                .setRequestId(java.util.UUID.randomUUID().toString())
                .setSku("SOME-" + java.util.UUID.randomUUID().toString().substring(0, 8))
                .setName("Some mug")
                .setCategory("kitchen")
                .setPrice(
                    io.cqrsshop.proto.v1.Money.newBuilder()
                        .setCurrencyCode("EUR")
                        .setAmountMinor(1_299))
                .build());
  }

  /** Reads the product {@code created} made, once the catalog shows it (its consistency token). */
  io.cqrsshop.proto.v1.GetProductResponse readOwnWrite(
      io.cqrsshop.proto.v1.CreateProductResponse created) {
    return queries()
        .getProduct(
            io.cqrsshop.proto.v1.GetProductRequest.newBuilder()
                .setProductId(created.getProductId())
                .addConsistencyTokens(created.getConsistencyToken())
                .build());
  }

  CommandServiceGrpc.CommandServiceBlockingStub commands() {
    return CommandServiceGrpc.newBlockingStub(commandChannel)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  QueryServiceGrpc.QueryServiceBlockingStub queries() {
    return QueryServiceGrpc.newBlockingStub(queryChannel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @Override
  protected void stop() {
    if (commandChannel != null) {
      commandChannel.shutdownNow();
      queryChannel.shutdownNow();
    }
    if (query != null) {
      query.shutdown();
    }
    if (projector != null) {
      projector.shutdown();
    }
    if (command != null) {
      command.shutdown();
    }
    nats.close();
    database.drop();
    TestElasticsearch.deleteIndices(indexPrefix);
  }
}
