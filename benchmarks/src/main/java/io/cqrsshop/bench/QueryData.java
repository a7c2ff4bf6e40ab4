package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The data the queries scenario reads: products in a category of their own whose names hold one
 * word of a small vocabulary (so that a text search finds a page of them), some out of stock, and
 * customers with orders over them (for the order history and the sales report). Seeded through
 * CommandService and awaited through QueryService with the seeds' consistency tokens.
 */
record QueryData(
    String category,
    List<String> productIds,
    List<String> customerIds,
    LocalDate first,
    LocalDate last) {

  static final List<String> WORDS =
      List.of("lamp", "chair", "table", "mug", "shelf", "rug", "clock", "vase");
  static final int PRODUCTS = 200;
  static final int CUSTOMERS = 20;
  static final int ORDERS_PER_CUSTOMER = 10;
  static final String CURRENCY = Seeder.CURRENCY;
  static final long MIN_PRICE = 1_000;
  static final long MAX_PRICE = 90_000;

  /** How long the seeds may take to show in the read models. */
  private static final Duration VISIBLE_WITHIN = Duration.ofMinutes(2);

  QueryData {
    productIds = List.copyOf(productIds);
    customerIds = List.copyOf(customerIds);
  }

  static QueryData seed(BenchContext context) {
    String category = "q-" + context.names().run();
    int parallelism = context.options().clients();
    SplittableRandom random = new SplittableRandom(42);
    long[] prices = new long[PRODUCTS];
    for (int i = 0; i < PRODUCTS; i++) {
      prices[i] = random.nextLong(500, 100_000);
    }
    List<Written> products =
        Seeder.many(
            PRODUCTS,
            parallelism,
            i ->
                context
                    .seeder()
                    .product(
                        WORDS.get(i % WORDS.size()), i % 10 == 9 ? 0 : 1000, category, prices[i]));
    List<Written> customers = Seeder.many(CUSTOMERS, parallelism, i -> context.seeder().user());
    List<String> inStock = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      if (i % 10 != 9) {
        inStock.add(products.get(i).id());
      }
    }
    List<String> tokens =
        Seeder.many(
            CUSTOMERS * ORDERS_PER_CUSTOMER,
            parallelism,
            i -> {
              SplittableRandom lines = new SplittableRandom(i);
              List<String> chosen = new ArrayList<>();
              int count = lines.nextInt(1, 4);
              while (chosen.size() < count) {
                String product = inStock.get(lines.nextInt(inStock.size()));
                if (!chosen.contains(product)) {
                  chosen.add(product);
                }
              }
              return context.seeder().order(customers.get(i % CUSTOMERS).id(), chosen);
            });

    Map<UUID, AggregateVersion> latest = new HashMap<>();
    products.forEach(p -> Tokens.writes(p.consistencyToken()).forEach(w -> keepLatest(latest, w)));
    tokens.forEach(t -> Tokens.writes(t).forEach(w -> keepLatest(latest, w)));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    QueryData data =
        new QueryData(
            category,
            products.stream().map(Written::id).toList(),
            customers.stream().map(Written::id).toList(),
            today.minusDays(29),
            today);
    data.awaitVisible(context, latest);
    return data;
  }

  String anyProduct(SplittableRandom random) {
    return productIds.get(random.nextInt(productIds.size()));
  }

  String anyCustomer(SplittableRandom random) {
    return customerIds.get(random.nextInt(customerIds.size()));
  }

  /** GetSalesSummary over the days the orders were placed in. */
  GetSalesSummaryRequest.Builder salesSummary() {
    return GetSalesSummaryRequest.newBuilder()
        .setStartDate(first.toString())
        .setEndDate(last.toString())
        .setCurrencyCode(CURRENCY);
  }

  /** Two words that every product of this run's one kind has in its name. */
  static String searchText(String run, SplittableRandom random) {
    return run + " " + WORDS.get(random.nextInt(WORDS.size()));
  }

  private void awaitVisible(BenchContext context, Map<UUID, AggregateVersion> latest) {
    List<AggregateVersion> productWrites = ofType(latest, AggregateType.PRODUCT);
    List<AggregateVersion> orderWrites = ofType(latest, AggregateType.ORDER);
    retrying(
        "the seeded products to become searchable",
        () ->
            context
                .clients()
                .queries()
                .searchProducts(
                    SearchProductsRequest.newBuilder()
                        .setCategory(category)
                        .setPageSize(1)
                        .addAllConsistencyTokens(Tokens.covering(productWrites))
                        .build()));
    retrying(
        "the seeded orders to become listable",
        () ->
            context
                .clients()
                .queries()
                .listCustomerOrders(
                    ListCustomerOrdersRequest.newBuilder()
                        .setCustomerId(customerIds.getFirst())
                        .addAllConsistencyTokens(Tokens.covering(orderWrites))
                        .build()));
    retrying(
        "the seeded orders to reach the sales report",
        () ->
            context
                .clients()
                .queries()
                .getSalesSummary(
                    salesSummary().addAllConsistencyTokens(Tokens.covering(orderWrites)).build()));
  }

  /** Calls until the read model caught up (the server answers UNAVAILABLE while it waits). */
  private static void retrying(String what, Supplier<?> call) {
    long giveUp = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    while (true) {
      try {
        call.get();
        return;
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        boolean behind = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
        if (!behind || System.nanoTime() > giveUp) {
          throw new HarnessException(
              "waiting for " + what + ": QueryService answered " + CallOutcome.describe(e), e);
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    }
  }

  private static void keepLatest(Map<UUID, AggregateVersion> latest, AggregateVersion write) {
    latest.merge(write.id(), write, (a, b) -> a.version() >= b.version() ? a : b);
  }

  private static List<AggregateVersion> ofType(
      Map<UUID, AggregateVersion> latest, AggregateType type) {
    return latest.values().stream().filter(w -> w.type() == type).toList();
  }
}
