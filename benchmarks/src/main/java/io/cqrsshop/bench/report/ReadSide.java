package io.cqrsshop.bench.report;

import java.util.Locale;

/**
 * Whether the read side (projector and query-service) ran during a write-side measurement, or was
 * frozen so that the write side had the machine's CPUs to itself.
 */
public enum ReadSide {
  RUNNING,
  PAUSED;

  String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
