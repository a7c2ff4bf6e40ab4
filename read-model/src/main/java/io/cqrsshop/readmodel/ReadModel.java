package io.cqrsshop.readmodel;

import io.cqrsshop.shared.AggregateType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The read models, each an Elasticsearch index shaped for one family of questions. A read model is
 * served through an alias ({@code <prefix><name>}) that points at a versioned physical index
 * ({@code <prefix><name>_v<version>}, or {@code ..._v<version>_r<n>} for the n-th rebuild of the
 * same version). The projector builds a new physical index from the event history when the version
 * below changes, and swaps the alias once it has caught up (see {@code ReadModelRebuild} in the
 * projector).
 */
public enum ReadModel {
  /** Catalog search and product lookups. */
  PRODUCTS("products", 1, "product_id", AggregateType.PRODUCT),
  /** User lookups by id and email, and user listings. */
  USERS("users", 1, "user_id", AggregateType.USER),
  /** Order lookups and each customer's order history. */
  ORDERS("orders", 1, "order_id", AggregateType.ORDER),
  /** Sales analytics: one document per order with nested lines, for aggregations. */
  SALES("sales", 1, "order_id", AggregateType.ORDER),
  /** Every event of every aggregate, one document per event: the audit trail. */
  HISTORY("history", 1, "event_id", AggregateType.PRODUCT, AggregateType.USER, AggregateType.ORDER);

  private final String baseName;
  private final int version;
  private final String idField;
  private final Set<AggregateType> sources;

  ReadModel(String baseName, int version, String idField, AggregateType... sources) {
    this.baseName = baseName;
    this.version = version;
    this.idField = idField;
    this.sources = EnumSet.copyOf(Arrays.asList(sources));
  }

  public String baseName() {
    return baseName;
  }

  /**
   * The version this code writes. Bump it, and add its mapping file, for a change of the mapping or
   * of what the projection writes; the projector then rebuilds the read model beside the old one.
   */
  public int version() {
    return version;
  }

  /** The document field that holds the document id, for sorted scans over an index. */
  public String idField() {
    return idField;
  }

  /** The aggregates whose events build this read model. */
  public Set<AggregateType> sources() {
    return sources;
  }

  /**
   * Whether documents are keyed by the id of the aggregate they show (one per aggregate), rather
   * than by event.
   */
  public boolean keyedByAggregate() {
    return this != HISTORY;
  }

  /** Classpath resource with the index settings and mappings of a version. */
  public String mappingResource(int version) {
    return "/readmodel/" + baseName + "-v" + version + ".json";
  }

  /** The read models that the events of an aggregate type update. */
  public static List<ReadModel> fedBy(AggregateType type) {
    return Arrays.stream(values()).filter(model -> model.sources.contains(type)).toList();
  }

  /** The read model with this base name, as operators type it. */
  public static java.util.Optional<ReadModel> byName(String name) {
    return Arrays.stream(values()).filter(model -> model.baseName.equals(name)).findFirst();
  }
}
