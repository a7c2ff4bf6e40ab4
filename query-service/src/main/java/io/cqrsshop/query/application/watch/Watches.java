package io.cqrsshop.query.application.watch;

import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.CustomerOrders;
import io.cqrsshop.query.application.ProductCatalog;
import io.cqrsshop.readmodel.ChangeNotice;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.shared.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open watch of this replica, by what it watches, and the re-reads that feed them. A document
 * is re-read when a projector announces a change to it ({@link #changed}), once for all the watches
 * of it, and a re-read already queued absorbs further announcements; every watched document is also
 * re-read on a timer and when the announcements' connection comes back ({@link #recheckAll}), since
 * announcements are at most once. Re-reads are real-time GETs by id, so they see a write as soon as
 * the projector has made it.
 */
public final class Watches implements AutoCloseable {

  /** What a watch follows. */
  public enum Kind {
    PRODUCT,
    ORDER,
    CUSTOMER_ORDERS
  }

  /** One watched thing: a product, an order, or a customer's orders. */
  public record Topic(Kind kind, String id) {}

  /** How many of a customer's orders a watch starts with and a re-check reads. */
  public static final int CUSTOMER_ORDERS_LIMIT = 100;

  private static final Logger log = LoggerFactory.getLogger(Watches.class);

  private final ProductCatalog products;
  private final CustomerOrders orders;
  private final Map<Topic, Set<Watch<?>>> watchers = new ConcurrentHashMap<>();
  private final Set<Topic> queued = ConcurrentHashMap.newKeySet();
  private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
  // Bounds the Elasticsearch requests of re-reads, whatever the number of watched documents.
  private final Semaphore readers = new Semaphore(8);
  private final AtomicInteger open = new AtomicInteger();
  private final Counter messages;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("watch-rechecks").daemon().unstarted(runnable));
  private volatile boolean closed;

  public Watches(ProductCatalog products, CustomerOrders orders, MeterRegistry registry) {
    this.products = products;
    this.orders = orders;
    Gauge.builder("query.watches.open", open, AtomicInteger::get)
        .description("Watches (live queries) open on this replica")
        .register(registry);
    messages =
        Counter.builder("query.watch.messages")
            .description("Messages sent on watches (live queries)")
            .register(registry);
  }

  /** Counts a message sent on a watch. */
  void sent() {
    messages.increment();
  }

  /** Re-reads every watched document every {@code interval}. */
  public Watches recheckEvery(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::recheckAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Adds a watch; false when this replica is shutting down. */
  public boolean add(Topic topic, Watch<?> watch) {
    if (closed) {
      return false;
    }
    watchers.computeIfAbsent(topic, key -> ConcurrentHashMap.newKeySet()).add(watch);
    open.incrementAndGet();
    if (closed) {
      remove(topic, watch);
      return false;
    }
    return true;
  }

  public void remove(Topic topic, Watch<?> watch) {
    watchers.computeIfPresent(
        topic,
        (key, set) -> {
          if (set.remove(watch)) {
            open.decrementAndGet();
          }
          return set.isEmpty() ? null : set;
        });
  }

  public int openWatches() {
    return open.get();
  }

  /** A projector wrote these documents: re-reads the watched ones. */
  public void changed(ChangeNotice notice) {
    for (ChangeNotice.Change change : notice.changes()) {
      switch (notice.model()) {
        case PRODUCTS -> {
          Topic topic = new Topic(Kind.PRODUCT, change.id());
          if (watchers.containsKey(topic)) {
            queue(topic, () -> readProduct(change.id()));
          }
        }
        case ORDERS -> {
          Topic topic = new Topic(Kind.ORDER, change.id());
          if (watchers.containsKey(topic)
              || watchers.containsKey(new Topic(Kind.CUSTOMER_ORDERS, change.owner()))) {
            queue(topic, () -> readOrder(change.id()));
          }
        }
        default -> {}
      }
    }
  }

  /** Re-reads every watched document: announcements may have been lost. */
  public void recheckAll() {
    for (Topic topic : watchers.keySet()) {
      switch (topic.kind()) {
        case PRODUCT -> queue(topic, () -> readProduct(topic.id()));
        case ORDER -> queue(topic, () -> readOrder(topic.id()));
        case CUSTOMER_ORDERS -> queue(topic, () -> readCustomerOrders(topic.id()));
      }
    }
  }

  /** The current orders of a customer, newest first, as a watch of them starts. */
  public List<OrderDocument> customerOrders(String customerId) {
    return orders
        .listForCustomer(
            new CustomerOrderListing(
                customerId, Optional.empty(), CUSTOMER_ORDERS_LIMIT, Optional.empty()))
        .items();
  }

  /**
   * Ends every watch with {@code rejection} and takes no more: the first step of a shutdown, so
   * that clients resume elsewhere at once rather than when the grace runs out.
   */
  public void endAll(Rejection rejection) {
    closed = true;
    int ended = 0;
    for (Set<Watch<?>> set : watchers.values()) {
      for (Watch<?> watch : set) {
        watch.end(rejection);
        ended++;
      }
    }
    watchers.clear();
    open.set(0);
    if (ended > 0) {
      log.info("ended {} watches; their clients resume on another replica", ended);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    reads.shutdownNow();
  }

  private void queue(Topic topic, Runnable read) {
    if (closed || !queued.add(topic)) {
      return;
    }
    reads.execute(
        () -> {
          // Dequeued before reading: an announcement that arrives meanwhile reads again.
          queued.remove(topic);
          try {
            readers.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          try {
            read.run();
          } catch (RuntimeException e) {
            // The next announcement or re-check reads it again.
            log.debug("re-reading {} for its watches failed: {}", topic, e.toString());
          } finally {
            readers.release();
          }
        });
  }

  private void readProduct(String id) {
    products.find(id).ifPresent(product -> offer(new Topic(Kind.PRODUCT, id), product));
  }

  private void readOrder(String id) {
    orders
        .find(id)
        .ifPresent(
            order -> {
              offer(new Topic(Kind.ORDER, id), order);
              offer(new Topic(Kind.CUSTOMER_ORDERS, order.customerId()), order);
            });
  }

  private void readCustomerOrders(String customerId) {
    Topic topic = new Topic(Kind.CUSTOMER_ORDERS, customerId);
    customerOrders(customerId).forEach(order -> offer(topic, order));
  }

  @SuppressWarnings("unchecked")
  private <T> void offer(Topic topic, T state) {
    Set<Watch<?>> set = watchers.get(topic);
    if (set != null) {
      set.forEach(watch -> ((Watch<T>) watch).offer(state));
    }
  }
}
