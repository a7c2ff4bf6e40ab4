package io.cqrsshop.admin.drift;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a drift check of one read model found: counts per kind of drift, and a few examples. */
public final class DriftReport {

  private static final int EXAMPLES = 5;

  private final String readModel;
  private long checked;
  private long repaired;
  private long blocked;
  private final Map<Drift, Long> counts = new EnumMap<>(Drift.class);
  private final Map<Drift, List<String>> examples = new EnumMap<>(Drift.class);

  public DriftReport(String readModel) {
    this.readModel = readModel;
  }

  void checked(long aggregates) {
    checked += aggregates;
  }

  void found(Drift drift, String example) {
    counts.merge(drift, 1L, Long::sum);
    List<String> some = examples.computeIfAbsent(drift, d -> new ArrayList<>());
    if (some.size() < EXAMPLES) {
      some.add(example);
    }
  }

  void repaired(long documents) {
    repaired += documents;
  }

  /**
   * Documents a repair in place could not fix: Elasticsearch holds a newer version number for them
   * (an edit or a delete by hand), which only a rebuild into a fresh index clears.
   */
  void blocked(long documents) {
    blocked += documents;
  }

  public long blockedCount() {
    return blocked;
  }

  public long drifted() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long repairedCount() {
    return repaired;
  }

  public String readModel() {
    return readModel;
  }

  public long count(Drift drift) {
    return counts.getOrDefault(drift, 0L);
  }

  public void print(PrintWriter out) {
    if (drifted() == 0) {
      out.printf("%s: %,d aggregates checked, no drift%n", readModel, checked);
      return;
    }
    out.printf("%s: %,d aggregates checked, %,d drifted%n", readModel, checked, drifted());
    counts.forEach(
        (drift, count) -> {
          out.printf("  %-8s %,d%n", drift, count);
          examples.get(drift).forEach(example -> out.println("    e.g. " + example));
        });
    if (repaired > 0) {
      out.printf("  repaired %,d in place%n", repaired);
    }
    if (blocked > 0) {
      out.printf(
          "  %,d cannot be repaired in place (Elasticsearch holds a newer version number for"
              + " them, after an edit or delete by hand)%n",
          blocked);
    }
  }
}
