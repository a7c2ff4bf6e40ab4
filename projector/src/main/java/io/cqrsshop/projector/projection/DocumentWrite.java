package io.cqrsshop.projector.projection;

import io.cqrsshop.readmodel.ReadModel;
import java.util.Objects;

/**
 * One whole read-model document to write, keyed by its aggregate id and versioned by the aggregate
 * version it reflects, so that the store keeps only the newest one whatever the delivery order.
 */
public record DocumentWrite(ReadModel model, String id, long version, Object document) {

  public DocumentWrite {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
  }

  @Override
  public String toString() {
    return model.baseName() + "/" + id + "@" + version;
  }
}
