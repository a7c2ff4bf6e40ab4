package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.command.api.CommandEndpoint;
import io.cqrsshop.command.infrastructure.persistence.DatabaseSettings;
import io.cqrsshop.command.infrastructure.persistence.JdbiTransactions;
import io.cqrsshop.command.infrastructure.persistence.TestSchema;
import io.cqrsshop.command.infrastructure.persistence.WriteDatabase;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.testing.TcpProxy;
import io.cqrsshop.testing.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many round trips to PostgreSQL a command costs, counted on the wire by a proxy in front of
 * the database: the command-service's RPCs over its real write path, without the relay (which has
 * connections of its own), on a pool of two (Flyway's migration at start-up needs both).
 */
class CommandRoundTripsIT {

  @RegisterExtension static final TestDatabase database = new TestDatabase();

  private static TcpProxy proxy;
  private static WriteDatabase write;
  private static Server server;
  private static ManagedChannel channel;
  private static CommandServiceBlockingStub client;

  @BeforeAll
  static void start() throws Exception {
    proxy = TcpProxy.forUrl(database.url());
    TestSchema.migrate(database);
    write =
        WriteDatabase.open(
            new DatabaseSettings(
                proxy.proxiedUrl(database.url()),
                database.user(),
                new Secret(database.password()),
                2),
            new SimpleMeterRegistry(),
            OpenTelemetry.noop());
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(new CommandEndpoint(new JdbiTransactions(write.jdbi()), Clock.systemUTC()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    client = CommandServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    write.close();
    proxy.close();
  }

  @Test
  void adjustProductStock_costsThreeRoundTrips_claimLockAndTheWritesWithTheCommit() {
    String product = client.createProduct(Requests.product(100)).getProductId();

    long roundTrips =
        fewestRoundTrips(() -> client.adjustProductStock(Requests.adjustStock(product, 1)));

    assertThat(roundTrips).isEqualTo(3);
  }

  @Test
  void placeOrderWithThreeLines_costsFourRoundTrips_claimCustomerProductsAndTheWrites() {
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    List<String> products =
        IntStream.range(0, 3)
            .mapToObj(i -> client.createProduct(Requests.product(1_000)).getProductId())
            .toList();

    long roundTrips =
        fewestRoundTrips(
            () -> {
              PlaceOrderRequest.Builder order =
                  PlaceOrderRequest.newBuilder()
                      .setRequestId(Requests.requestId())
                      .setCustomerId(customer);
              products.forEach(
                  product ->
                      order.addLines(
                          PlaceOrderLine.newBuilder().setProductId(product).setQuantity(1)));
              return client.placeOrder(order.build());
            });

    assertThat(roundTrips).isEqualTo(4);
  }

  /**
   * The fewest requests one run of {@code command} sent, over a few runs back to back: the pool
   * checks a connection that has been idle for half a second with a round trip of its own before
   * lending it, which is not the command's.
   */
  private static long fewestRoundTrips(Supplier<?> command) {
    long fewest = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      long before = proxy.requests();
      command.get();
      fewest = Math.min(fewest, proxy.requests() - before);
    }
    return fewest;
  }
}
