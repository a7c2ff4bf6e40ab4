package io.cqrsshop.readmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read models a projector builds, each at the version it writes. A projector from an older
 * build knows fewer models or older versions; {@link #standard()} is this build's.
 */
public final class ReadModelSchemas {

  private final Map<ReadModel, ReadModelSchema> schemas;

  private ReadModelSchemas(Map<ReadModel, ReadModelSchema> schemas) {
    this.schemas = schemas;
  }

  public static ReadModelSchemas standard() {
    return of(Arrays.stream(ReadModel.values()).map(ReadModelSchema::current).toList());
  }

  public static ReadModelSchemas of(List<ReadModelSchema> schemas) {
    Map<ReadModel, ReadModelSchema> byModel = new EnumMap<>(ReadModel.class);
    schemas.forEach(schema -> byModel.put(schema.model(), schema));
    return new ReadModelSchemas(byModel);
  }

  /** These schemas with one model at another version (or added). */
  public ReadModelSchemas with(ReadModelSchema schema) {
    Map<ReadModel, ReadModelSchema> copy = new EnumMap<>(ReadModel.class);
    copy.putAll(schemas);
    copy.put(schema.model(), schema);
    return new ReadModelSchemas(copy);
  }

  /** These schemas without a model, as a build from before that model existed. */
  public ReadModelSchemas without(ReadModel model) {
    Map<ReadModel, ReadModelSchema> copy = new EnumMap<>(ReadModel.class);
    copy.putAll(schemas);
    copy.remove(model);
    return new ReadModelSchemas(copy);
  }

  public Optional<ReadModelSchema> schema(ReadModel model) {
    return Optional.ofNullable(schemas.get(model));
  }

  public boolean contains(ReadModel model) {
    return schemas.containsKey(model);
  }

  public List<ReadModelSchema> schemas() {
    return new ArrayList<>(schemas.values());
  }

  public List<ReadModel> models() {
    return new ArrayList<>(schemas.keySet());
  }

  @Override
  public String toString() {
    return schemas.values().toString();
  }
}
