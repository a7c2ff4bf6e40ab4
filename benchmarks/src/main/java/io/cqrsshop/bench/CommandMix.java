package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A shop's traffic on the write side: mostly orders of one to three lines, then price changes,
 * restocks and corrections, new products and new users. Every command has a fresh request id.
 */
public final class CommandMix {

  // Out of 100: orders dominate, as they would in a shop.
  private static final int PLACE_ORDER = 50;
  private static final int CHANGE_PRICE = PLACE_ORDER + 15;
  private static final int ADJUST_STOCK = CHANGE_PRICE + 15;
  private static final int CREATE_PRODUCT = ADJUST_STOCK + 10;

  private final ShopClients clients;
  private final RunNames names;
  private final Catalog catalog;

  public CommandMix(ShopClients clients, RunNames names, Catalog catalog) {
    this.clients = clients;
    this.names = names;
    this.catalog = catalog;
  }

  /** Sends one command, chosen at random by the mix's weights, and records it in {@code stats}. */
  public void step(SplittableRandom random, StatsBook stats) {
    int dice = random.nextInt(100);
    if (dice < PLACE_ORDER) {
      PlaceOrderRequest request = order(random);
      stats.call("PlaceOrder", () -> clients.commands().placeOrder(request));
    } else if (dice < CHANGE_PRICE) {
      ChangeProductPriceRequest request =
          ChangeProductPriceRequest.newBuilder()
              .setRequestId(names.requestId())
              .setProductId(catalog.anyProduct(random))
              .setPrice(Seeder.euros(random.nextLong(100, 100_000)))
              .build();
      stats.call("ChangeProductPrice", () -> clients.commands().changeProductPrice(request));
    } else if (dice < ADJUST_STOCK) {
      AdjustProductStockRequest request =
          AdjustProductStockRequest.newBuilder()
              .setRequestId(names.requestId())
              .setProductId(catalog.anyProduct(random))
              .setDelta(stockDelta(random))
              .setReason("benchmark restock or correction")
              .build();
      stats.call("AdjustProductStock", () -> clients.commands().adjustProductStock(request));
    } else if (dice < CREATE_PRODUCT) {
      String sku = names.sku("new");
      CreateProductRequest request =
          CreateProductRequest.newBuilder()
              .setRequestId(names.requestId())
              .setSku(sku)
              .setName("Bench " + names.run() + " new " + sku)
              .setDescription("Created by the benchmark command mix")
              .setCategory(Seeder.CATEGORY)
              .setPrice(Seeder.euros(random.nextLong(100, 100_000)))
              .setInitialStock(random.nextLong(0, 1000))
              .build();
      stats.call("CreateProduct", () -> clients.commands().createProduct(request));
    } else {
      CreateUserRequest request =
          CreateUserRequest.newBuilder()
              .setRequestId(names.requestId())
              .setEmail(names.email())
              .setName("Bench user " + names.run())
              .build();
      stats.call("CreateUser", () -> clients.commands().createUser(request));
    }
  }

  private PlaceOrderRequest order(SplittableRandom random) {
    int lines = random.nextInt(1, 4);
    Set<String> products = new LinkedHashSet<>();
    while (products.size() < lines) {
      products.add(catalog.anyProduct(random));
    }
    PlaceOrderRequest.Builder order =
        PlaceOrderRequest.newBuilder()
            .setRequestId(names.requestId())
            .setCustomerId(catalog.anyUser(random));
    for (String product : products) {
      order.addLines(
          PlaceOrderLine.newBuilder().setProductId(product).setQuantity(random.nextInt(1, 4)));
    }
    return order.build();
  }

  /** Mostly restocks; sometimes a correction downwards, which scarce products may refuse. */
  private static long stockDelta(SplittableRandom random) {
    long delta = random.nextLong(-5, 11);
    return delta == 0 ? 1 : delta;
  }
}
