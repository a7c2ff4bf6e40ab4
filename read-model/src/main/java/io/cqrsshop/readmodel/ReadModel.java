package io.cqrsshop.readmodel;

import io.cqrsshop.shared.AggregateType;
import java.util.Arrays;
import java.util.List;

/**
 * The read models, each an Elasticsearch index shaped for one family of questions. A read model is
 * served through an alias ({@code <prefix><name>}) that points at a versioned physical index
 * ({@code <prefix><name>_v<version>}), so a rebuild can fill a new version and swap the alias.
 */
public enum ReadModel {
  /** Catalog search and product lookups. */
  PRODUCTS("products", 1, AggregateType.PRODUCT),
  /** User lookups by id and email, and user listings. */
  USERS("users", 1, AggregateType.USER),
  /** Order lookups and each customer's order history. */
  ORDERS("orders", 1, AggregateType.ORDER),
  /** Sales analytics: one document per order with nested lines, for aggregations. */
  SALES("sales", 1, AggregateType.ORDER);

  private final String baseName;
  private final int version;
  private final AggregateType source;

  ReadModel(String baseName, int version, AggregateType source) {
    this.baseName = baseName;
    this.version = version;
    this.source = source;
  }

  public String baseName() {
    return baseName;
  }

  /** Version of the mapping; bump it (and add a mapping file) for an incompatible change. */
  public int version() {
    return version;
  }

  /** The aggregate whose events build this read model; documents are keyed by its id. */
  public AggregateType source() {
    return source;
  }

  /** Classpath resource with the index settings and mappings. */
  public String mappingResource() {
    return "/readmodel/" + baseName + "-v" + version + ".json";
  }

  /** The read models that the events of an aggregate type update. */
  public static List<ReadModel> fedBy(AggregateType type) {
    return Arrays.stream(values()).filter(model -> model.source == type).toList();
  }
}
