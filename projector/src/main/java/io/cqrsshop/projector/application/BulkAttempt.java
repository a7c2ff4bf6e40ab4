package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch's documents in one bulk request per attempt; each attempt sends only what the
 * previous ones left unsettled, and fails while anything is left, so that a retry policy can drive
 * it.
 */
final class BulkAttempt {

  private final ReadModelStore store;
  private final ProjectorMetrics metrics;
  private List<PendingWrite> remaining = new ArrayList<>();

  BulkAttempt(ReadModelStore store, ProjectorMetrics metrics, List<Delivery> deliveries) {
    this.store = store;
    this.metrics = metrics;
    for (Delivery delivery : deliveries) {
      delivery.writes().forEach(write -> remaining.add(new PendingWrite(write, delivery)));
    }
  }

  void run() throws Exception {
    List<DocumentWrite> writes = remaining.stream().map(PendingWrite::write).toList();
    Timer.Sample sample = Timer.start();
    List<WriteResult> results;
    try {
      results = store.write(writes);
    } finally {
      sample.stop(metrics.bulkLatency());
    }
    List<PendingWrite> again = new ArrayList<>();
    String example = "";
    for (int i = 0; i < remaining.size(); i++) {
      PendingWrite pending = remaining.get(i);
      WriteResult result = results.get(i);
      switch (result.kind()) {
        case APPLIED -> {}
        case STALE -> metrics.stale();
        case RETRYABLE -> {
          again.add(pending);
          example = pending.write() + ": " + result.detail();
        }
        case PERMANENT -> pending.owner().refuse(pending.write(), result.detail());
      }
    }
    remaining = again;
    if (!again.isEmpty()) {
      throw new UnsettledWritesException(again.size(), example);
    }
  }

  private record PendingWrite(DocumentWrite write, Delivery owner) {}

  /** Some documents failed for a passing reason and must be written again. */
  static final class UnsettledWritesException extends Exception {

    private static final long serialVersionUID = 1L;

    UnsettledWritesException(int count, String example) {
      super(count + " documents must be written again, for example " + example);
    }
  }
}
