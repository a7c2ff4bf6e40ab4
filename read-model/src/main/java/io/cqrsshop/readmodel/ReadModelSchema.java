package io.cqrsshop.readmodel;

import java.util.Objects;

/**
 * One version of a read model: what the projector writes and the mapping it writes it with. The
 * code's current version is {@link #current}; tests and rollbacks name others.
 */
public record ReadModelSchema(ReadModel model, int version, String mappingResource) {

  public ReadModelSchema {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(mappingResource, "mappingResource");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
  }

  public static ReadModelSchema current(ReadModel model) {
    return of(model, model.version());
  }

  /** A version whose mapping is the standard resource of that version. */
  public static ReadModelSchema of(ReadModel model, int version) {
    return new ReadModelSchema(model, version, model.mappingResource(version));
  }

  @Override
  public String toString() {
    return model.baseName() + " v" + version;
  }
}
