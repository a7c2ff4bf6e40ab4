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
public final class BulkAttempt {

  /** Sends one bulk request: the live path writes through aliases, a rebuild into its index. */
  @FunctionalInterface
  public interface Writer {
    List<WriteResult> write(List<DocumentWrite> writes) throws Exception;
  }

  private final Writer writer;
  private final BulkMetrics metrics;
  private List<PendingWrite> remaining = new ArrayList<>();

  public BulkAttempt(Writer writer, BulkMetrics metrics, List<Delivery> deliveries) {
    this.writer = writer;
    this.metrics = metrics;
    for (Delivery delivery : deliveries) {
      delivery.writes().forEach(write -> remaining.add(new PendingWrite(write, delivery)));
    }
  }

  public void run() throws Exception {
    if (remaining.isEmpty()) {
      return;
    }
    List<DocumentWrite> writes = remaining.stream().map(PendingWrite::write).toList();
    Timer.Sample sample = Timer.start();
    List<WriteResult> results;
    try {
      results = writer.write(writes);
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
        case MISSING_INDEX -> metrics.leftToRebuild(pending.write().model());
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
