package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A burst of AdjustProductStock commands (one event each) over the catalog, as fast as they go. */
final class StockBurst {

  private StockBurst() {}

  /** Sends {@code size} commands from the configured clients; returns how long that took. */
  static Duration send(BenchContext context, Catalog catalog, int size, StatsBook stats) {
    AtomicInteger issued = new AtomicInteger();
    return Workers.run(
        context.options().clients(),
        Duration.ofHours(1),
        () -> issued.get() >= size,
        random -> {
          if (issued.getAndIncrement() >= size) {
            return;
          }
          AdjustProductStockRequest request =
              AdjustProductStockRequest.newBuilder()
                  .setRequestId(context.names().requestId())
                  .setProductId(catalog.anyProduct(random))
                  .setDelta(1)
                  .setReason("benchmark pipeline burst")
                  .build();
          stats.call(
              "AdjustProductStock", () -> context.clients().commands().adjustProductStock(request));
        });
  }
}
