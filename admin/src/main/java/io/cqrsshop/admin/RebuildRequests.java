package io.cqrsshop.admin;

import io.cqrsshop.projector.application.rebuild.RebuildReason;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.RebuildTarget;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks the projectors for a rebuild (one record per read model, created or replaced by compare and
 * set) and follows it until it ends, for the commands that need one.
 */
final class RebuildRequests {

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration UNTAKEN_WARNING = Duration.ofSeconds(30);

  private final AdminContext context;

  RebuildRequests(AdminContext context) {
    this.context = context;
  }

  /**
   * Where a rebuild of the model goes: for another version than the one serving (a rollback, or a
   * roll forward after one), that version's live index if it has one, which only catches up; else a
   * fresh index of the version asked for (by default the serving one, a repair).
   */
  RebuildTarget target(
      ReadModel model, Optional<Integer> version, Optional<Versioned<RebuildRecord>> record)
      throws Exception {
    List<PhysicalIndex> indices = context.indices().physicalIndices(model);
    Optional<PhysicalIndex> serving = indices.stream().filter(PhysicalIndex::serving).findFirst();
    int servingVersion = serving.map(PhysicalIndex::version).orElse(model.version());
    int wanted = version.orElse(servingVersion);
    return RebuildTarget.choose(
        context.names(),
        model,
        wanted,
        indices,
        record.map(Versioned::value),
        wanted != servingVersion);
  }

  /** Asks for a rebuild unless one is under way; empty when someone else changed the record. */
  Optional<RebuildTarget> request(ReadModel model, Optional<Integer> version, String why)
      throws Exception {
    Optional<Versioned<RebuildRecord>> record = context.rebuilds().get(model.baseName());
    RebuildTarget target = target(model, version, record);
    RebuildRecord request =
        target.request(model, RebuildReason.REQUESTED, null, why, context.clock().instant());
    boolean stored =
        record.isPresent()
            ? context.rebuilds().replace(record.get(), request).isPresent()
            : context.rebuilds().create(request);
    if (!stored) {
      return Optional.empty();
    }
    context
        .out()
        .printf(
            "asked for a rebuild of %s into %s (v%d); %s keeps serving until it has caught up%n",
            model.baseName(),
            target.index(),
            target.version(),
            target.previous().isEmpty() ? "nothing" : target.previous());
    return Optional.of(target);
  }

  /** Shows the rebuild's progress until it ends; the exit status says how it ended. */
  int watch(ReadModel model) throws Exception {
    ProgressBar bar = new ProgressBar(context.out(), context.clock());
    Instant since = context.clock().instant();
    boolean warned = false;
    while (true) {
      RebuildRecord record = context.rebuilds().get(model.baseName()).orElseThrow().value();
      if (!record.state().isActive()) {
        bar.done();
        context.out().printf("%s: %s%n", record.state(), record.message());
        return record.state() == RebuildState.DONE ? ExitCodes.OK : ExitCodes.PROBLEM;
      }
      if (record.state() == RebuildState.PENDING) {
        if (!warned
            && Duration.between(since, context.clock().instant()).compareTo(UNTAKEN_WARNING) > 0) {
          warned = true;
          context
              .out()
              .printf(
                  "no projector has taken the rebuild yet: is a projector of version %d of %s"
                      + " running?%n",
                  record.version(), model.baseName());
        }
      } else {
        bar.show(
            record.state().name().toLowerCase(java.util.Locale.ROOT) + " " + record.targetIndex(),
            record.eventsDone(),
            record.eventsTotal(),
            record.eventsPerSecond(),
            record.eventsPerSecond() > 0
                ? Optional.of(
                    Duration.ofMillis(
                        (long)
                            (Math.max(0, record.eventsTotal() - record.eventsDone())
                                / record.eventsPerSecond()
                                * 1000)))
                : Optional.empty());
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
