package io.cqrsshop.projector.application.rebuild;

import java.util.List;
import java.util.Optional;

/** Where the rebuild records live, one per read model, changed only by compare and set. */
public interface RebuildRecords {

  /** The record of a read model (by base name), if it ever had a rebuild. */
  Optional<Versioned<RebuildRecord>> get(String readModel) throws Exception;

  /** Stores the first record of a read model; false when one exists already. */
  boolean create(RebuildRecord record) throws Exception;

  /**
   * Replaces a record if it is unchanged since it was read; empty when someone changed it.
   *
   * @return the record as now stored
   */
  Optional<Versioned<RebuildRecord>> replace(Versioned<RebuildRecord> current, RebuildRecord next)
      throws Exception;

  /** Every read model's record. */
  List<Versioned<RebuildRecord>> all() throws Exception;
}
