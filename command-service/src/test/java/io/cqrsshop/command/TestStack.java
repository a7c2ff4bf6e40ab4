package io.cqrsshop.command;

import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.StackExtension;
import io.cqrsshop.testing.TcpProxy;
import io.cqrsshop.testing.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * A database and a nats-server of a test's own, plus the command-service instances, proxies and
 * channels it starts against them, all removed after it. A JUnit extension: in a static field the
 * class shares one stack, in an instance field each test gets its own (see {@link StackExtension}).
 */
final class TestStack extends StackExtension {

  final TestDatabase database = new TestDatabase();
  final NatsServerProcess nats = NatsServerProcess.start();
  private final List<CommandServiceApplication> apps = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<TcpProxy> proxies = new ArrayList<>();
  private CommandServiceApplication app;
  private CommandServiceGrpc.CommandServiceBlockingStub client;
  private TcpProxy databaseProxy;

  /** The environment of a command-service against this stack, on ephemeral ports. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("COMMAND_LISTEN_HOST", "127.0.0.1");
    env.put("COMMAND_GRPC_PORT", "0");
    env.put("COMMAND_METRICS_PORT", "0");
    env.put("COMMAND_DB_URL", database.url());
    env.put("COMMAND_DB_USER", database.user());
    env.put("COMMAND_DB_PASSWORD", database.password());
    env.put("COMMAND_DB_MIGRATION_USER", database.owner().user());
    env.put("COMMAND_DB_MIGRATION_PASSWORD", database.owner().password());
    env.put("COMMAND_DB_POOL_SIZE", "8");
    env.put("COMMAND_NATS_URL", nats.url());
    env.put("COMMAND_SHUTDOWN_GRACE", "10s");
    return env;
  }

  /** The command-service most tests need, started on first use. */
  synchronized CommandServiceApplication app() {
    if (app == null) {
      app = startApp();
    }
    return app;
  }

  /** A client of {@link #app()}. */
  synchronized CommandServiceGrpc.CommandServiceBlockingStub client() {
    if (client == null) {
      client = client(app());
    }
    return client;
  }

  CommandServiceApplication startApp() {
    return startApp(env());
  }

  CommandServiceApplication startApp(Map<String, String> env) {
    CommandServiceApplication started =
        CommandServiceApplication.start(CommandServiceConfig.fromEnv(env));
    synchronized (apps) {
      apps.add(started);
    }
    return started;
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

  /** A proxy to {@code host:port}, closed after the applications that use it. */
  TcpProxy proxy(String host, int port) {
    TcpProxy proxy = new TcpProxy(host, port);
    synchronized (proxies) {
      proxies.add(proxy);
    }
    return proxy;
  }

  /** One proxy in front of the test database, for tests that cut a service off from it. */
  synchronized TcpProxy databaseProxy() {
    if (databaseProxy == null) {
      TcpProxy direct = TcpProxy.forUrl(database.url());
      synchronized (proxies) {
        proxies.add(direct);
      }
      databaseProxy = direct;
    }
    return databaseProxy;
  }

  /** An app that reaches the database through {@link #databaseProxy()}, for a test to cut. */
  CommandServiceApplication startAppBehindDatabaseProxy() {
    return startApp(envBehindDatabaseProxy());
  }

  /** {@link #env()} with the database reached through {@link #databaseProxy()}. */
  Map<String, String> envBehindDatabaseProxy() {
    Map<String, String> env = env();
    env.put("COMMAND_DB_URL", databaseProxy().proxiedUrl(database.url()));
    return env;
  }

  EventStreamReader stream() {
    return new EventStreamReader(nats.url(), "SHOP_EVENTS");
  }

  /** Direct access to the test database, for assertions on what was written. */
  Jdbi jdbi() {
    return Jdbi.create(database.url(), database.user(), database.password());
  }

  /** Relay sessions holding an advisory lock (Flyway takes one too while it migrates). */
  long relayLeaders() {
    return count(
        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()"
            + " AND a.application_name = 'command-service-relay'");
  }

  /** The stored payloads of one aggregate's events, oldest first. */
  List<byte[]> eventPayloads(String aggregateId) {
    return jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT payload FROM events WHERE aggregate_id = CAST(:id AS uuid)"
                            + " ORDER BY aggregate_version")
                    .bind("id", aggregateId)
                    .map((rs, ctx) -> rs.getBytes(1))
                    .list());
  }

  long count(String sql) {
    return jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
  }

  @Override
  protected void stop() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    apps.forEach(CommandServiceApplication::shutdown);
    proxies.forEach(TcpProxy::close);
    nats.close();
    database.close();
  }
}
