package io.cqrsshop.bench;

import io.cqrsshop.bench.report.Figures;
import io.cqrsshop.bench.report.Table;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.Product;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3: how long after a command's response its write can be read, three ways: a GetProduct
 * that waits on the consistency token, a SearchProducts that waits on it, and GetProduct polled
 * without a token. One client, one write at a time, so this is freshness on a quiet system.
 */
public final class Freshness {

  /** Gap between polls of the tokenless method; its figures are accurate to about this much. */
  static final Duration POLL_GAP = Duration.ofMillis(2);

  private static final Duration GIVE_UP = Duration.ofSeconds(10);

  /*
   * Each write starts after a random pause of up to one period of what the read waits for (the
   * index refresh, 1 s; the relay's poll, 50 ms). Back to back, every write would land just after
   * the previous read's refresh and the figures would show the worst phase, not a typical one.
   */
  private static final Duration SEARCH_JITTER = Duration.ofSeconds(1);
  private static final Duration LOOKUP_JITTER = Duration.ofMillis(100);

  private final SplittableRandom random = new SplittableRandom();

  private final BenchContext context;

  public Freshness(BenchContext context) {
    this.context = context;
  }

  public void run() {
    int samples = context.options().samples();
    context.heading(
        "Freshness (write -> read): "
            + samples
            + " ChangeProductPrice per method, one at a time, each after a random pause;"
            + " time from the command's response until the read shows the new version");
    String category = "fresh-" + context.names().run();
    List<Written> products =
        Seeder.many(3, 3, i -> context.seeder().product("fresh", 100, category));
    products.forEach(this::awaitVisible);

    Method lookup = new Method("GetProduct with token (waits server-side)");
    Method search = new Method("SearchProducts with token (waits for a refresh)");
    Method polled =
        new Method("GetProduct polled, no token (every " + POLL_GAP.toMillis() + " ms)");
    for (int i = 0; i < samples; i++) {
      measure(
          lookup,
          LOOKUP_JITTER,
          products.get(0),
          w -> lookup(products.get(0).id(), Optional.of(w)));
      measure(
          search, SEARCH_JITTER, products.get(1), w -> searched(category, products.get(1).id(), w));
      measure(
          polled, LOOKUP_JITTER, products.get(2), w -> polledUntilVisible(products.get(2).id(), w));
    }
    Table table = new Table("method", "samples", "p50 ms", "p90 ms", "p99 ms", "max ms", "failed");
    for (Method method : List.of(lookup, search, polled)) {
      Histogram h = method.micros;
      table.row(
          method.name,
          h.getTotalCount(),
          Figures.millis(h.getValueAtPercentile(50)),
          Figures.millis(h.getValueAtPercentile(90)),
          Figures.millis(h.getValueAtPercentile(99)),
          Figures.millis(h.getMaxValue()),
          method.failed);
    }
    context.out().print(table.render());
  }

  /** One way of reading a write, with what it measured. */
  private static final class Method {
    final String name;
    final Histogram micros = new Histogram(3);
    long failed;

    Method(String name) {
      this.name = name;
    }
  }

  /** Reads the write; true when the answer showed it at its version or later. */
  private interface Read {
    boolean sees(Written write);
  }

  private void measure(Method method, Duration jitter, Written product, Read read) {
    LockSupport.parkNanos(random.nextLong(jitter.toNanos()));
    Optional<Written> write = changePrice(product.id());
    if (write.isEmpty()) {
      method.failed++;
      return;
    }
    long start = System.nanoTime();
    boolean seen;
    try {
      seen = read.sees(write.get());
    } catch (StatusRuntimeException e) {
      seen = false;
    }
    if (seen) {
      method.micros.recordValue(
          Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start)));
    } else {
      method.failed++;
    }
  }

  private Optional<Written> changePrice(String productId) {
    try {
      ChangeProductPriceResponse response =
          context
              .clients()
              .commands()
              .changeProductPrice(
                  ChangeProductPriceRequest.newBuilder()
                      .setRequestId(context.names().requestId())
                      .setProductId(productId)
                      .setPrice(Seeder.euros(System.nanoTime() % 100_000))
                      .build());
      return Optional.of(
          new Written(productId, response.getVersion(), response.getConsistencyToken()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  private boolean lookup(String productId, Optional<Written> waitFor) {
    GetProductRequest.Builder request = GetProductRequest.newBuilder().setProductId(productId);
    waitFor.ifPresent(w -> request.addConsistencyTokens(w.consistencyToken()));
    Product product = context.clients().queries().getProduct(request.build()).getProduct();
    return waitFor.map(w -> product.getVersion() >= w.version()).orElse(true);
  }

  private boolean searched(String category, String productId, Written write) {
    return context
        .clients()
        .queries()
        .searchProducts(
            SearchProductsRequest.newBuilder()
                .setCategory(category)
                .addConsistencyTokens(write.consistencyToken())
                .build())
        .getProductsList()
        .stream()
        .anyMatch(p -> p.getProductId().equals(productId) && p.getVersion() >= write.version());
  }

  private boolean polledUntilVisible(String productId, Written write) {
    long giveUp = System.nanoTime() + GIVE_UP.toNanos();
    while (System.nanoTime() < giveUp) {
      try {
        Product product =
            context
                .clients()
                .queries()
                .getProduct(GetProductRequest.newBuilder().setProductId(productId).build())
                .getProduct();
        if (product.getVersion() >= write.version()) {
          return true;
        }
      } catch (StatusRuntimeException notYet) {
        // A product can be NOT_FOUND until its creation is projected; keep polling.
      }
      LockSupport.parkNanos(POLL_GAP.toNanos());
    }
    return false;
  }

  /** Waits (unmeasured) until a new product can be read, so its creation is not measured. */
  private void awaitVisible(Written product) {
    try {
      lookup(product.id(), Optional.of(product));
    } catch (StatusRuntimeException e) {
      throw new HarnessException(
          "a new product did not become readable through QueryService: " + CallOutcome.describe(e),
          e);
    }
  }
}
