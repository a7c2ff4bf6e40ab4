package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The index a rebuild of a read model at some version fills: the live index of that version when it
 * is to serve again (a rollback, or a roll forward after one: its builds kept it current, so it
 * only catches up), else a fresh one, with the first generation number no index or record of the
 * version has used (a name is never reused, and neither is its consumer's).
 */
public record RebuildTarget(String index, int version, int generation, String previous) {

  /**
   * @param indices every physical index of the read model now
   * @param servedBefore whether a live index of the version may serve again rather than a fresh one
   *     being built
   */
  public static RebuildTarget choose(
      IndexNames names,
      ReadModel model,
      int version,
      List<PhysicalIndex> indices,
      Optional<RebuildRecord> previous,
      boolean servedBefore) {
    String serving =
        indices.stream()
            .filter(PhysicalIndex::serving)
            .map(PhysicalIndex::name)
            .findFirst()
            .orElse("");
    if (servedBefore) {
      Optional<PhysicalIndex> live =
          indices.stream()
              .filter(index -> index.live() && index.version() == version && !index.serving())
              .reduce((older, newer) -> newer);
      if (live.isPresent()) {
        return new RebuildTarget(live.get().name(), version, live.get().generation(), serving);
      }
    }
    int highest = -1;
    for (PhysicalIndex index : indices) {
      if (index.version() == version) {
        highest = Math.max(highest, index.generation());
      }
    }
    if (previous.isPresent() && previous.get().version() == version) {
      highest = Math.max(highest, previous.get().generation());
    }
    int generation = highest + 1;
    return new RebuildTarget(
        names.physicalIndex(model, version, generation), version, generation, serving);
  }

  /** A request for a rebuild into this target, not yet taken by any projector. */
  public RebuildRecord request(
      ReadModel model, RebuildReason reason, Instant historySince, String message, Instant now) {
    return RebuildRecord.requested(
        model.baseName(), index, version, generation, previous, reason, historySince, message, now);
  }
}
