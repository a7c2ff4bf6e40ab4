package io.cqrsshop.runtime.logging;

/** How log lines are written: readable text locally, one JSON object per line in Kubernetes. */
public enum LogFormat {
  TEXT,
  JSON
}
