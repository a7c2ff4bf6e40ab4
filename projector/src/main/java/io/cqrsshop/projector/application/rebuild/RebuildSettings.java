package io.cqrsshop.projector.application.rebuild;

import java.time.Duration;

/**
 * How rebuilds run: as bulk work, apart from the live path's settings.
 *
 * @param batchSize events per fetch and bulk request
 * @param caughtUpBacklog the backlog at which the rebuild counts as caught up with the live stream
 *     and swaps: what the live path itself holds in flight (its batch size)
 * @param lease how long a rebuild stays a projector's after its last progress update
 * @param progressInterval how often progress (and the lease) is stored
 * @param logInterval how often progress is logged
 */
public record RebuildSettings(
    int batchSize,
    int caughtUpBacklog,
    Duration lease,
    Duration progressInterval,
    Duration logInterval) {

  public RebuildSettings {
    if (progressInterval.multipliedBy(3).compareTo(lease) > 0) {
      throw new IllegalArgumentException(
          "the lease (" + lease + ") must be at least three progress intervals");
    }
  }
}
