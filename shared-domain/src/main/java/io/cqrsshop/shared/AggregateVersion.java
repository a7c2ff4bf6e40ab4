package io.cqrsshop.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * An aggregate at a version: what a command wrote, and what a read model must have caught up to.
 */
public record AggregateVersion(AggregateType type, UUID id, long version) {

  public AggregateVersion {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
  }
}
