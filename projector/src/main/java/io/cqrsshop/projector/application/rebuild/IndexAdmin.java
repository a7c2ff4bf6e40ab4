package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import java.util.List;
import java.util.Optional;

/** The physical indices of the read models and their aliases, as rebuilds need them. */
public interface IndexAdmin {

  IndexNames names();

  /** Every physical index of the read model, oldest version first. */
  List<PhysicalIndex> indices(ReadModel model) throws Exception;

  /** The index the alias points at; empty while the read model has none. */
  default Optional<PhysicalIndex> serving(ReadModel model) throws Exception {
    return indices(model).stream().filter(PhysicalIndex::serving).findFirst();
  }

  /** Creates an index tuned for a bulk load, unless it exists. */
  void createForBulkLoad(ReadModelSchema schema, String index) throws Exception;

  /** Gives a bulk-loaded index the live settings and makes what it holds searchable. */
  void finishBulkLoad(String index) throws Exception;

  /** Marks a serving index live that predates live aliases. */
  void markLive(String index) throws Exception;

  /**
   * Points the alias at the index, and away from any other, and marks the index live (retiring
   * older rebuilds of its version), atomically.
   */
  void swapAlias(ReadModel model, String index) throws Exception;
}
