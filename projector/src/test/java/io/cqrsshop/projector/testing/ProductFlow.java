package io.cqrsshop.projector.testing;

import io.cqrsshop.projector.projection.ProductProjection;
import io.cqrsshop.readmodel.ProductDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Products whose events a test publishes, in bulk or as a steady flow in the background, keeping
 * the latest version of each: what its document must end as.
 */
public final class ProductFlow implements AutoCloseable {

  private final EventStream stream;
  private final List<String> ids = new ArrayList<>();
  private final Map<String, Long> latest = new ConcurrentHashMap<>();
  private final AtomicBoolean flowing = new AtomicBoolean();
  private Thread flow;

  public ProductFlow(EventStream stream, int products) {
    this.stream = stream;
    for (int i = 0; i < products; i++) {
      ids.add(Events.newId());
    }
  }

  public List<String> ids() {
    return ids;
  }

  /** Publishes versions {@code from..to} of every product, a round per version. */
  public ProductFlow publishVersions(long from, long to) {
    for (long version = from; version <= to; version++) {
      for (String id : ids) {
        publish(id, version);
      }
    }
    return this;
  }

  /**
   * Keeps publishing the next version of a random product, about {@code perSecond} a second (a busy
   * shop, not a flood), until {@link #stop()}.
   */
  public ProductFlow startFlowing(int perSecond) {
    long pause = 1_000_000_000L / perSecond;
    flowing.set(true);
    flow =
        Thread.ofPlatform()
            .name("product-flow")
            .start(
                () -> {
                  while (flowing.get()) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    synchronized (this) {
                      publish(id, latest.getOrDefault(id, 0L) + 1);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(pause);
                  }
                });
    return this;
  }

  public void stop() throws InterruptedException {
    flowing.set(false);
    if (flow != null) {
      flow.join();
    }
  }

  public long latestVersion(String id) {
    return latest.getOrDefault(id, 0L);
  }

  /** The document a fresh projection of the product's latest event gives. */
  public ProductDocument expected(String id) {
    long version = latest.get(id);
    return ProductProjection.toDocument(Events.product(id, version), version);
  }

  private void publish(String id, long version) {
    stream.publish(Events.productEvent(id, version));
    latest.merge(id, version, Math::max);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
