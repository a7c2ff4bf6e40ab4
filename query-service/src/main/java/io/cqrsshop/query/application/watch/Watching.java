package io.cqrsshop.query.application.watch;

import io.cqrsshop.query.application.CustomerOrders;
import io.cqrsshop.query.application.ProductCatalog;
import io.cqrsshop.query.application.ReadConsistency;
import io.cqrsshop.query.application.ReadYourWrites;
import io.cqrsshop.query.application.Visibility;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Answers WatchProduct, WatchOrder and WatchCustomerOrders: opens a watch and sends its first
 * state.
 *
 * <p>The watch is registered before the first read, so a change committed just before or just after
 * the watch opens is never lost: either the first read shows it, or its announcement (or the next
 * re-check) re-reads the document for the watch. A first read with consistency tokens waits, as a
 * query does, until it reflects them.
 */
public final class Watching {

  /** The reason of the UNAVAILABLE that ends watches when a replica shuts down. */
  public static final String SHUTTING_DOWN = "SHUTTING_DOWN";

  private final Watches watches;
  private final ReadYourWrites readYourWrites;
  private final ProductCatalog products;
  private final CustomerOrders orders;

  public Watching(
      Watches watches,
      ReadYourWrites readYourWrites,
      ProductCatalog products,
      CustomerOrders orders) {
    this.watches = watches;
    this.readYourWrites = readYourWrites;
    this.products = products;
    this.orders = orders;
  }

  /** An open watch, for its stream's callbacks. */
  public record Opened(Watches.Topic topic, Watch<?> watch, Watches watches) {

    /** The client can take more. */
    public void ready() {
      watch.drain();
    }

    /** The client went away. */
    public void cancelled() {
      watch.cancelled();
      watches.remove(topic, watch);
    }
  }

  public Opened product(
      String productId,
      ReadConsistency consistency,
      OptionalLong resumeAfter,
      WatchSink<ProductDocument> sink) {
    return one(
        new Watches.Topic(Watches.Kind.PRODUCT, productId),
        ReadModel.PRODUCTS,
        consistency,
        resumeAfter,
        new Watch<>(sink, ProductDocument::productId, ProductDocument::version, watches::sent),
        () -> products.find(productId),
        ProductDocument::version,
        "PRODUCT_NOT_FOUND",
        "product_id");
  }

  public Opened order(
      String orderId,
      ReadConsistency consistency,
      OptionalLong resumeAfter,
      WatchSink<OrderDocument> sink) {
    return one(
        new Watches.Topic(Watches.Kind.ORDER, orderId),
        ReadModel.ORDERS,
        consistency,
        resumeAfter,
        new Watch<>(sink, OrderDocument::orderId, OrderDocument::version, watches::sent),
        () -> orders.find(orderId),
        OrderDocument::version,
        "ORDER_NOT_FOUND",
        "order_id");
  }

  public Opened customerOrders(
      String customerId, ReadConsistency consistency, WatchSink<OrderDocument> sink) {
    Watch<OrderDocument> watch =
        new Watch<>(sink, OrderDocument::orderId, OrderDocument::version, watches::sent);
    Watches.Topic topic = new Watches.Topic(Watches.Kind.CUSTOMER_ORDERS, customerId);
    Opened opened = new Opened(topic, watch, watches);
    if (!open(opened)) {
      return opened;
    }
    Outcome<ReadModel> ready =
        readYourWrites.await(ReadModel.ORDERS, Visibility.SEARCH, consistency);
    if (ready instanceof Outcome.Rejected<ReadModel> rejected) {
      end(opened, rejected.rejection());
    } else {
      watches.customerOrders(customerId).forEach(watch::offer);
      watch.start();
    }
    return opened;
  }

  private <T> Opened one(
      Watches.Topic topic,
      ReadModel model,
      ReadConsistency consistency,
      OptionalLong resumeAfter,
      Watch<T> watch,
      Supplier<Optional<T>> find,
      ToLongFunction<T> versionOf,
      String notFoundReason,
      String idField) {
    resumeAfter.ifPresent(version -> watch.seen(topic.id(), version));
    Opened opened = new Opened(topic, watch, watches);
    if (!open(opened)) {
      return opened;
    }
    Outcome<Optional<T>> first =
        readYourWrites.lookUp(model, topic.id(), consistency, find, versionOf);
    switch (first) {
      case Outcome.Rejected<Optional<T>> rejected -> end(opened, rejected.rejection());
      case Outcome.Success<Optional<T>> success when success.value().isPresent() -> {
        watch.offer(success.value().get());
        watch.start();
      }
      case Outcome.Success<Optional<T>> absent -> {
        boolean named =
            resumeAfter.isPresent()
                || consistency.writesTo(model.sources()).stream()
                    .anyMatch(write -> write.id().toString().equals(topic.id()));
        // A document a token names exists: it is only not projected yet, and will be announced.
        if (named) {
          watch.start();
        } else {
          end(
              opened,
              new Rejection.NotFound(
                  notFoundReason,
                  "no "
                      + topic.kind().name().toLowerCase(java.util.Locale.ROOT)
                      + " with id "
                      + topic.id(),
                  Map.of(idField, topic.id())));
        }
      }
    }
    return opened;
  }

  private boolean open(Opened opened) {
    if (watches.add(opened.topic(), opened.watch())) {
      return true;
    }
    opened.watch().end(shuttingDown());
    return false;
  }

  private static void end(Opened opened, Rejection rejection) {
    opened.watches().remove(opened.topic(), opened.watch());
    opened.watch().end(rejection);
  }

  /** Why a watch ends when its replica shuts down; the client resumes on another one. */
  public static Rejection shuttingDown() {
    return new Rejection.Unavailable(
        SHUTTING_DOWN,
        "this replica is shutting down: watch again (any replica serves it) with the"
            + " resume_token of the last message received",
        Map.of());
  }
}
