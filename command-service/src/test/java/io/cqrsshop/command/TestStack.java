package io.cqrsshop.command;

import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.TestPostgres;
import io.cqrsshop.testing.TestPostgres.PostgresDatabase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * A database and a nats-server of a test's own, plus the command-service instances and channels it
 * starts against them; {@link #close()} removes it all.
 */
final class TestStack implements AutoCloseable {

  final PostgresDatabase database;
  final NatsServerProcess nats;
  private final List<CommandServiceApplication> apps = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  private TestStack(PostgresDatabase database, NatsServerProcess nats) {
    this.database = database;
    this.nats = nats;
  }

  static TestStack start() {
    return new TestStack(TestPostgres.createDatabase(), NatsServerProcess.start());
  }

  /** The environment of a command-service against this stack, on ephemeral ports. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("COMMAND_LISTEN_HOST", "127.0.0.1");
    env.put("COMMAND_GRPC_PORT", "0");
    env.put("COMMAND_METRICS_PORT", "0");
    env.put("COMMAND_DB_URL", database.url());
    env.put("COMMAND_DB_USER", database.user());
    env.put("COMMAND_DB_PASSWORD", database.password());
    env.put("COMMAND_DB_POOL_SIZE", "8");
    env.put("COMMAND_NATS_URL", nats.url());
    env.put("COMMAND_SHUTDOWN_GRACE", "10s");
    return env;
  }

  CommandServiceApplication startApp() {
    return startApp(env());
  }

  CommandServiceApplication startApp(Map<String, String> env) {
    CommandServiceApplication app =
        CommandServiceApplication.start(CommandServiceConfig.fromEnv(env));
    synchronized (apps) {
      apps.add(app);
    }
    return app;
  }

  CommandServiceGrpc.CommandServiceBlockingStub client(CommandServiceApplication app) {
    return CommandServiceGrpc.newBlockingStub(channel(app.grpcPort()))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ManagedChannel channel(int port) {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    synchronized (channels) {
      channels.add(channel);
    }
    return channel;
  }

  EventStreamReader stream() {
    return new EventStreamReader(nats.url(), "SHOP_EVENTS");
  }

  /** Direct access to the test database, for assertions on what was written. */
  Jdbi jdbi() {
    return Jdbi.create(database.url(), database.user(), database.password());
  }

  long count(String sql) {
    return jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    apps.forEach(CommandServiceApplication::shutdown);
    nats.close();
    database.drop();
  }
}
