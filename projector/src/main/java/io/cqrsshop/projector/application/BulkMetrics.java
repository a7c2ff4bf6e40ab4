package io.cqrsshop.projector.application;

import io.cqrsshop.readmodel.ReadModel;
import io.micrometer.core.instrument.Timer;

/** What a bulk write reports: its duration and what became of documents that were not written. */
public interface BulkMetrics {

  Timer bulkLatency();

  void stale();

  void leftToRebuild(ReadModel model);
}
