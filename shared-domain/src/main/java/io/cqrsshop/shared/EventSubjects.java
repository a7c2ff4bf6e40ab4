package io.cqrsshop.shared;

/**
 * Names of the JetStream stream and subjects that carry domain events, shared by the publisher
 * (command-service) and the consumer (projector).
 *
 * <p>A subject is {@code <prefix>.<aggregate>.<event>}, for example {@code
 * shop.events.product.price_changed}, so operators can filter by aggregate or event with NATS
 * wildcards.
 */
public final class EventSubjects {

  public static final String DEFAULT_STREAM = "SHOP_EVENTS";
  public static final String DEFAULT_PREFIX = "shop.events";

  private EventSubjects() {}

  public static String subject(String prefix, AggregateType type, String eventName) {
    return prefix + "." + type.code() + "." + eventName;
  }

  /** The wildcard that matches every event under a prefix. */
  public static String all(String prefix) {
    return prefix + ".>";
  }
}
