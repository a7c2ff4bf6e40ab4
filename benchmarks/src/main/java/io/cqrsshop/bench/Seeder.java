package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.CreateUserResponse;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Creates the products and users a scenario works on. Unlike measured calls, a seeding call that
 * fails stops the run: the figures would mean nothing without the data.
 */
public final class Seeder {

  static final String CURRENCY = "EUR";
  static final String CATEGORY = "bench";

  /** Enough to seed quickly; more would only queue up in front of the database pool. */
  private static final int MAX_SEEDING_THREADS = 16;

  private final ShopClients clients;
  private final RunNames names;

  public Seeder(ShopClients clients, RunNames names) {
    this.clients = clients;
    this.names = names;
  }

  public static Money euros(long minor) {
    return Money.newBuilder().setCurrencyCode(CURRENCY).setAmountMinor(minor).build();
  }

  public Written product(String kind, long stock) {
    return product(kind, stock, CATEGORY);
  }

  public Written product(String kind, long stock, String category) {
    return product(kind, stock, category, 1999);
  }

  /** A product whose name holds the word {@code kind}, so that a text search can pick it out. */
  public Written product(String kind, long stock, String category, long priceMinor) {
    String sku = names.sku(kind);
    CreateProductRequest request =
        CreateProductRequest.newBuilder()
            .setRequestId(names.requestId())
            .setSku(sku)
            .setName("Bench " + names.run() + " " + kind + " " + sku)
            .setDescription("Created by the benchmark harness")
            .setCategory(category)
            .setPrice(euros(priceMinor))
            .setInitialStock(stock)
            .build();
    CreateProductResponse response =
        seed("CreateProduct", () -> clients.commands().createProduct(request));
    return new Written(
        response.getProductId(), response.getVersion(), response.getConsistencyToken());
  }

  public Written user() {
    CreateUserRequest request =
        CreateUserRequest.newBuilder()
            .setRequestId(names.requestId())
            .setEmail(names.email())
            .setName("Bench customer " + names.run())
            .build();
    CreateUserResponse response = seed("CreateUser", () -> clients.commands().createUser(request));
    return new Written(response.getUserId(), response.getVersion(), response.getConsistencyToken());
  }

  /** Places an order of one unit of each product and returns its consistency token. */
  public String order(String customerId, List<String> productIds) {
    PlaceOrderRequest order = orderRequest(customerId, productIds);
    return seed("PlaceOrder", () -> clients.commands().placeOrder(order)).getConsistencyToken();
  }

  /** An order of one unit of each product, under a fresh request id of the run. */
  public PlaceOrderRequest orderRequest(String customerId, List<String> productIds) {
    PlaceOrderRequest.Builder request =
        PlaceOrderRequest.newBuilder().setRequestId(names.requestId()).setCustomerId(customerId);
    productIds.forEach(
        id -> request.addLines(PlaceOrderLine.newBuilder().setProductId(id).setQuantity(1)));
    return request.build();
  }

  /** Creates {@code count} things, several at a time, in index order. */
  public static <T> List<T> many(int count, int parallelism, IntFunction<T> create) {
    List<T> created = new ArrayList<>();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(Math.clamp(parallelism, 1, MAX_SEEDING_THREADS))) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> create.apply(index)));
      }
      for (Future<T> future : futures) {
        created.add(future.get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new HarnessException("seeding failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while seeding", e);
    }
    return created;
  }

  private static <T> T seed(String rpc, Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw new HarnessException(
          "could not create test data: " + rpc + " answered " + CallOutcome.describe(e), e);
    }
  }
}
