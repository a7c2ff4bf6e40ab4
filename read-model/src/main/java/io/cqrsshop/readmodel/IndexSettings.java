package io.cqrsshop.readmodel;

/**
 * Per-environment settings of the read-model indices: replicas (0 on a single development node, at
 * least 1 in production) and how often new writes become searchable.
 */
public record IndexSettings(int replicas, String refreshInterval) {

  public static IndexSettings singleNode() {
    return new IndexSettings(0, "1s");
  }
}
