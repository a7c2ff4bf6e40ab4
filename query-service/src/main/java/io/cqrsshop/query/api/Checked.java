package io.cqrsshop.query.api;

import io.cqrsshop.shared.AggregateVersion;
import java.util.List;

/**
 * A request that passed validation: the query for the use case and the writes its consistency
 * tokens name.
 */
record Checked<Q>(Q query, List<AggregateVersion> writes) {

  Checked {
    writes = List.copyOf(writes);
  }
}
