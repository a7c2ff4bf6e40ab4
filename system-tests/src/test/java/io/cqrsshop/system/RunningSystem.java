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
import io.cqrsshop.testing.TestElasticsearch;
import io.cqrsshop.testing.TestPostgres;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The three deployables running in this JVM on ephemeral ports, wired to real PostgreSQL, NATS
 * JetStream and Elasticsearch exactly as in production, with clients for both gRPC services.
 */
final class RunningSystem implements AutoCloseable {

  final TestPostgres.PostgresDatabase database = TestPostgres.createDatabase();
  final NatsServerProcess nats = NatsServerProcess.start();
  final String indexPrefix = TestElasticsearch.uniquePrefix();
  CommandServiceApplication command;
  ProjectorApplication projector;
  QueryServiceApplication query;
  private ManagedChannel commandChannel;
  private ManagedChannel queryChannel;

  RunningSystem start() {
    command = startCommandService();
    projector = startProjector();
    query =
        QueryServiceApplication.start(
            QueryServiceConfig.fromEnv(
                Map.of(
                    "QUERY_LISTEN_HOST", "127.0.0.1",
                    "QUERY_GRPC_PORT", "0",
                    "QUERY_METRICS_PORT", "0",
                    "QUERY_ELASTICSEARCH_URL", TestElasticsearch.url(),
                    "QUERY_INDEX_PREFIX", indexPrefix,
                    "QUERY_CONSISTENCY_MAX_WAIT", "20s")));
    commandChannel = channel(command.grpcPort());
    queryChannel = channel(query.grpcPort());
    return this;
  }

  CommandServiceApplication startCommandService() {
    return CommandServiceApplication.start(
        CommandServiceConfig.fromEnv(
            Map.of(
                "COMMAND_LISTEN_HOST", "127.0.0.1",
                "COMMAND_GRPC_PORT", "0",
                "COMMAND_METRICS_PORT", "0",
                "COMMAND_DB_URL", database.url(),
                "COMMAND_DB_USER", database.user(),
                "COMMAND_DB_PASSWORD", database.password(),
                "COMMAND_NATS_URL", nats.url())));
  }

  ProjectorApplication startProjector() {
    return ProjectorApplication.start(
        ProjectorConfig.fromEnv(
            Map.of(
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
                indexPrefix)));
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
  public void close() {
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
