package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restarting the write side and the projector (as a rolling deployment does) loses nothing: every
 * command accepted before, during and after the restarts ends up in the read model.
 */
class RestartIT {

  @RegisterExtension final RunningSystem system = new RunningSystem();

  @BeforeEach
  void start() {
    system.start();
  }

  @Test
  void restartingCommandServiceAndProjector_losesNoEvent() {
    List<String> products = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      products.add(
          system
              .commands()
              .createProduct(
                  CreateProductRequest.newBuilder()
                      .setRequestId(UUID.randomUUID().toString())
                      .setSku("RST-" + i + "-" + UUID.randomUUID().toString().substring(0, 6))
                      .setName("Restart probe " + i)
                      .setCategory("probes")
                      .setPrice(price(100))
                      .build())
              .getProductId());
    }

    CommandServiceGrpc.CommandServiceBlockingStub commands = system.commands();
    changeAllPrices(commands, products, 101, 103);

    system.projector.shutdown();
    changeAllPrices(commands, products, 104, 106); // projected after the restart below
    system.command.shutdown();
    system.command = system.startCommandService();
    system.projector = system.startProjector();

    var channel = RunningSystem.channel(system.command.grpcPort());
    try {
      String lastToken =
          changeAllPrices(
              CommandServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS),
              products,
              107,
              108);

      for (String productId : products) {
        var product =
            system
                .queries()
                .getProduct(
                    GetProductRequest.newBuilder()
                        .setProductId(productId)
                        .addConsistencyTokens(lastToken)
                        .build())
                .getProduct();
        if (product.getVersion() < 9) {
          // The token covers the last product only; the others must converge on their own.
          product = awaitVersion(productId, 9);
        }
        assertThat(product.getVersion()).isEqualTo(9);
        assertThat(product.getPrice()).isEqualTo(price(108));
      }
    } finally {
      channel.shutdownNow();
    }
  }

  private io.cqrsshop.proto.v1.Product awaitVersion(String productId, long version) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                system
                    .queries()
                    .getProduct(GetProductRequest.newBuilder().setProductId(productId).build())
                    .getProduct(),
            p -> p.getVersion() >= version);
  }

  /** Changes every product's price to each value in [from, to]; returns the last token. */
  private static String changeAllPrices(
      CommandServiceGrpc.CommandServiceBlockingStub commands,
      List<String> products,
      long from,
      long to) {
    String token = "";
    for (long amount = from; amount <= to; amount++) {
      for (String productId : products) {
        token =
            commands
                .changeProductPrice(
                    ChangeProductPriceRequest.newBuilder()
                        .setRequestId(UUID.randomUUID().toString())
                        .setProductId(productId)
                        .setPrice(price(amount))
                        .build())
                .getConsistencyToken();
      }
    }
    return token;
  }

  private static Money price(long minor) {
    return Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(minor).build();
  }
}
