package io.cqrsshop.bench;

import io.cqrsshop.bench.report.Figures;
import io.cqrsshop.bench.report.LatencyReport;
import io.cqrsshop.bench.report.Table;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scenario 2: every client places orders for a few hot products with limited stock until they are
 * sold out (or the duration ends); prints throughput and rejections, then audits the stock.
 */
public final class ContendedOrders {

  private final BenchContext context;

  public ContendedOrders(BenchContext context) {
    this.context = context;
  }

  /** Runs the contest; true when the stock audit balances. */
  public boolean run() {
    BenchOptions options = context.options();
    int hot = options.hotProducts();
    context.heading(
        "Contended orders: "
            + options.clients()
            + " clients, "
            + hot
            + " hot products with "
            + options.hotStock()
            + " units each, orders of 1-2 lines x 1-3 units, until sold out or "
            + options.duration().toSeconds()
            + " s");
    List<Written> products =
        Seeder.many(hot, hot, i -> context.seeder().product("hot", options.hotStock()));
    List<Written> customers =
        Seeder.many(options.clients(), options.clients(), i -> context.seeder().user());
    Contest contest = new Contest(context, products, customers, options.hotStock());

    StatsBook stats = new StatsBook();
    AtomicInteger nextCustomer = new AtomicInteger();
    ThreadLocal<Integer> customer =
        ThreadLocal.withInitial(() -> nextCustomer.getAndIncrement() % customers.size());
    Duration elapsed =
        Workers.run(
            options.clients(),
            options.duration(),
            contest::soldOut,
            random -> contest.placeOne(random, customer.get(), stats));

    RpcSnapshot orders = stats.of("PlaceOrder").snapshot();
    context.out().print(LatencyReport.render(List.of(orders), elapsed));
    context.out().println();
    context.out().print(summary(orders, contest, elapsed));
    return new StockAudit(context, contest).run(orders.failedCount());
  }

  private String summary(RpcSnapshot orders, Contest contest, Duration elapsed) {
    long units = 0;
    for (int i = 0; i < contest.products.size(); i++) {
      units += contest.sold.get(i);
    }
    return new Table("figure", "value")
        .row("orders attempted", orders.calls())
        .row("orders accepted", orders.ok())
        .row("accepted orders/s", Figures.rate(orders.ok(), elapsed))
        .row("units sold/s", Figures.rate(units, elapsed))
        .row("rejected by a business rule", orders.rejectedCount())
        .row("rejection rate", Figures.percent(orders.rejectedCount(), orders.calls()))
        .row("errors", orders.failedCount())
        .row(contest.soldOut() ? "sold out after" : "not sold out within", Figures.seconds(elapsed))
        .render();
  }

  /** The shared state of one contest: what sold, and the writes the audit must wait for. */
  static final class Contest {
    private final BenchContext context;
    final List<Written> products;
    final List<Written> customers;
    final long initialStock;
    final AtomicLongArray sold;
    final AtomicLongArray highestVersion;
    final List<ConcurrentLinkedQueue<AggregateVersion>> ordersByCustomer = new ArrayList<>();
    private final Map<UUID, Integer> productIndex = new HashMap<>();

    Contest(
        BenchContext context, List<Written> products, List<Written> customers, long initialStock) {
      this.context = context;
      this.products = products;
      this.customers = customers;
      this.initialStock = initialStock;
      this.sold = new AtomicLongArray(products.size());
      this.highestVersion = new AtomicLongArray(products.size());
      for (int i = 0; i < products.size(); i++) {
        productIndex.put(UUID.fromString(products.get(i).id()), i);
        highestVersion.set(i, products.get(i).version());
      }
      customers.forEach(c -> ordersByCustomer.add(new ConcurrentLinkedQueue<>()));
    }

    boolean soldOut() {
      for (int i = 0; i < products.size(); i++) {
        if (sold.get(i) < initialStock) {
          return false;
        }
      }
      return true;
    }

    void placeOne(SplittableRandom random, int customer, StatsBook stats) {
      int first = random.nextInt(products.size());
      PlaceOrderRequest.Builder request =
          PlaceOrderRequest.newBuilder()
              .setRequestId(context.names().requestId())
              .setCustomerId(customers.get(customer).id())
              .addLines(line(first, random));
      if (products.size() > 1 && random.nextBoolean()) {
        int second = (first + random.nextInt(1, products.size())) % products.size();
        request.addLines(line(second, random));
      }
      PlaceOrderRequest order = request.build();
      Attempt<PlaceOrderResponse> attempt =
          stats.call("PlaceOrder", () -> context.clients().commands().placeOrder(order));
      attempt.answer().ifPresent(response -> accepted(order, response, customer));
    }

    private void accepted(PlaceOrderRequest order, PlaceOrderResponse response, int customer) {
      for (PlaceOrderLine line : order.getLinesList()) {
        sold.addAndGet(productIndex.get(UUID.fromString(line.getProductId())), line.getQuantity());
      }
      for (AggregateVersion write : Tokens.writes(response.getConsistencyToken())) {
        if (write.type() == AggregateType.ORDER) {
          ordersByCustomer.get(customer).add(write);
        } else if (write.type() == AggregateType.PRODUCT && productIndex.containsKey(write.id())) {
          highestVersion.accumulateAndGet(productIndex.get(write.id()), write.version(), Math::max);
        }
      }
    }

    private PlaceOrderLine line(int product, SplittableRandom random) {
      return PlaceOrderLine.newBuilder()
          .setProductId(products.get(product).id())
          .setQuantity(random.nextInt(1, 4))
          .build();
    }
  }
}
