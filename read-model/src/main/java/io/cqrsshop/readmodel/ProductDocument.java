package io.cqrsshop.readmodel;

import java.time.Instant;

/**
 * A product in the {@link ReadModel#PRODUCTS} index, keyed by {@code productId}. Field names are
 * written in snake_case (see {@link ReadModelJson}).
 */
public record ProductDocument(
    String productId,
    String sku,
    String name,
    String description,
    String category,
    long priceMinor,
    String currency,
    long stock,
    String status,
    boolean active,
    boolean available,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public static final String STATUS_ACTIVE = "ACTIVE";
  public static final String STATUS_DISCONTINUED = "DISCONTINUED";

  /** Field names for queries. */
  public static final class Fields {
    public static final String NAME = "name";
    public static final String NAME_SORT = "name.sort";
    public static final String DESCRIPTION = "description";
    public static final String CATEGORY = "category";
    public static final String PRICE_MINOR = "price_minor";
    public static final String CURRENCY = "currency";
    public static final String ACTIVE = "active";
    public static final String AVAILABLE = "available";
    public static final String PRODUCT_ID = "product_id";
    public static final String VERSION = "version";

    private Fields() {}
  }
}
