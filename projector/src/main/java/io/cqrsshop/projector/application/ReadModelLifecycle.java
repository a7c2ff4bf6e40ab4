package io.cqrsshop.projector.application;

import io.cqrsshop.projector.application.rebuild.ReadModelRebuild;
import io.cqrsshop.projector.application.rebuild.RebuildContext;
import io.cqrsshop.projector.application.rebuild.RebuildReason;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each read model of this projector's catalog served by the version it writes: on every tick
 * it looks at each alias, asks for a rebuild when a read model has no index or an older one, takes
 * over rebuilds that wait for a projector (or whose projector died), and retries parked events of
 * kinds that an older projector did not know.
 *
 * <p>Every replica runs it; the rebuild records decide which one works on a rebuild (one record per
 * read model, changed only by compare and set, with a lease). A read model whose alias already
 * serves a newer version is left to a newer projector (see {@link ReadModelRouting}).
 */
public final class ReadModelLifecycle implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ReadModelLifecycle.class);
  private static final Duration NEWER_WARNING_INTERVAL = Duration.ofMinutes(1);
  private static final int PARKED_RETRIES_PER_TICK = 1_000;

  private final RebuildContext context;
  private final ReadModelRouting routing;
  private final ReplayingParkedEvents replaying;
  private final Duration parkedRetryInterval;
  private final Map<ReadModel, Thread> running = new ConcurrentHashMap<>();
  private final Set<String> relaxed = new HashSet<>();
  private final Set<String> retriedAfterFailure = new HashSet<>();
  private Instant lastParkedRetry = Instant.EPOCH;
  private Instant lastNewerWarning = Instant.EPOCH;

  public ReadModelLifecycle(
      RebuildContext context,
      ReadModelRouting routing,
      ReplayingParkedEvents replaying,
      Duration parkedRetryInterval) {
    this.context = context;
    this.routing = routing;
    this.replaying = replaying;
    this.parkedRetryInterval = parkedRetryInterval;
  }

  /** One tick; failures are logged and the next tick tries again. */
  @Override
  public void run() {
    if (context.stop().isStopping()) {
      return;
    }
    try {
      tick();
    } catch (Exception e) {
      log.warn("read-model lifecycle check failed, trying again shortly: {}", e.toString());
    }
  }

  /**
   * Looks at every alias and decides which read models this projector leaves to a newer one. The
   * projection loop runs it before its first batch, so that no event is written in an outdated
   * shape.
   */
  public void refreshRouting() throws Exception {
    Set<ReadModel> leftToNewer = EnumSet.noneOf(ReadModel.class);
    for (ReadModelSchema schema : context.interpreter().catalog().schemas()) {
      Optional<PhysicalIndex> serving = context.indices().serving(schema.model());
      if (serving.isEmpty()) {
        continue;
      }
      int servedVersion = serving.get().version();
      if (servedVersion > schema.version()) {
        leftToNewer.add(schema.model());
      } else if (servedVersion < schema.version() && relaxed.add(serving.get().name())) {
        // Until the new version is built, this projector's documents go to the old index.
        context.indices().acceptUnknownFields(serving.get().name());
      }
    }
    routing.leaveToNewer(leftToNewer);
    warnAboutNewer(leftToNewer);
  }

  private void tick() throws Exception {
    refreshRouting();
    for (ReadModelSchema schema : context.interpreter().catalog().schemas()) {
      if (!routing.leftToNewer(schema.model())) {
        look(schema);
      }
    }
    running.values().removeIf(thread -> !thread.isAlive());
    retryUnknownKinds();
    context.metrics().parkedEvents(context.parked().count());
  }

  private void look(ReadModelSchema schema) throws Exception {
    ReadModel model = schema.model();
    Optional<Versioned<RebuildRecord>> record = context.records().get(model.baseName());
    if (record.isPresent() && record.get().value().state().isActive()) {
      RebuildRecord value = record.get().value();
      boolean mine = running.containsKey(model) && running.get(model).isAlive();
      if (!mine
          && value.version() == schema.version()
          && (value.owner().isEmpty() || value.leaseExpired(now()))) {
        take(schema, record.get());
      }
      return;
    }
    Optional<PhysicalIndex> serving = context.indices().serving(model);
    if (serving.isPresent() && serving.get().version() >= schema.version()) {
      return;
    }
    if (record.isPresent() && record.get().value().version() == schema.version()) {
      RebuildState last = record.get().value().state();
      if (last == RebuildState.CANCELLED) {
        return; // An operator stopped it; only an operator starts it again.
      }
      if ((last == RebuildState.FAILED || last == RebuildState.REFUSED)
          && !retriedAfterFailure.add(model.baseName() + "@" + schema.version())) {
        return; // Tried again once since this process started; an operator decides on more.
      }
    }
    request(schema, serving, record);
  }

  private void request(
      ReadModelSchema schema,
      Optional<PhysicalIndex> serving,
      Optional<Versioned<RebuildRecord>> previous)
      throws Exception {
    ReadModel model = schema.model();
    int generation = nextGeneration(schema, previous);
    RebuildReason reason =
        serving.isEmpty() ? RebuildReason.INDEX_MISSING : RebuildReason.VERSION_CHANGED;
    RebuildRecord record =
        RebuildRecord.requested(
            model.baseName(),
            context.indices().names().physicalIndex(model, schema.version(), generation),
            schema.version(),
            generation,
            serving.map(PhysicalIndex::name).orElse(""),
            reason,
            null,
            reason == RebuildReason.INDEX_MISSING
                ? "the read model has no index"
                : "the projector writes "
                    + schema
                    + ", the alias serves v"
                    + serving.get().version(),
            now());
    boolean stored =
        previous.isPresent()
            ? context.records().replace(previous.get(), record).isPresent()
            : context.records().create(record);
    if (stored) {
      log.info(
          "asked for a rebuild of {} into {}: {}",
          model.baseName(),
          record.targetIndex(),
          record.message());
    }
  }

  /** The first free rebuild number of the version: 0, unless an index or record has it. */
  private int nextGeneration(ReadModelSchema schema, Optional<Versioned<RebuildRecord>> previous)
      throws Exception {
    int highest = -1;
    for (PhysicalIndex index : context.indices().indices(schema.model())) {
      if (index.version() == schema.version()) {
        highest = Math.max(highest, index.generation());
      }
    }
    if (previous.isPresent() && previous.get().value().version() == schema.version()) {
      highest = Math.max(highest, previous.get().value().generation());
    }
    return highest + 1;
  }

  private void take(ReadModelSchema schema, Versioned<RebuildRecord> record) throws Exception {
    Instant now = now();
    Optional<Versioned<RebuildRecord>> leased =
        context
            .records()
            .replace(
                record,
                record
                    .value()
                    .leasedBy(context.owner(), now.plus(context.settings().lease()), now));
    if (leased.isEmpty()) {
      return; // Another projector was quicker.
    }
    Thread worker =
        Thread.ofPlatform()
            .name("rebuild-" + schema.model().baseName())
            .start(new ReadModelRebuild(context, schema, leased.get()));
    running.put(schema.model(), worker);
  }

  private void retryUnknownKinds() throws Exception {
    if (Duration.between(lastParkedRetry, now()).compareTo(parkedRetryInterval) < 0) {
      return;
    }
    lastParkedRetry = now();
    ReplayingParkedEvents.Summary summary =
        replaying.replayAll(Optional.of(ParkReason.UNKNOWN_EVENT_KIND), PARKED_RETRIES_PER_TICK);
    if (summary.applied() > 0) {
      log.info(
          "applied {} parked events of kinds an older projector did not know ({} still unknown)",
          summary.applied(),
          summary.stillParked());
    }
  }

  private void warnAboutNewer(Set<ReadModel> leftToNewer) {
    if (leftToNewer.isEmpty()
        || Duration.between(lastNewerWarning, now()).compareTo(NEWER_WARNING_INTERVAL) < 0) {
      return;
    }
    lastNewerWarning = now();
    log.warn(
        "the aliases of {} serve newer versions than this projector writes: it hands their events"
            + " back to a newer projector. If this build was rolled back on purpose, rebuild them"
            + " at this version (admin rebuild <model> --version N)",
        leftToNewer.stream().map(ReadModel::baseName).toList());
  }

  /** Waits for the rebuilds this projector runs to stop (they stop on the stop signal). */
  public void awaitRebuilds(Duration timeout) throws InterruptedException {
    Instant deadline = now().plus(timeout);
    for (Thread thread : List.copyOf(running.values())) {
      long left = Duration.between(now(), deadline).toMillis();
      if (left > 0) {
        thread.join(left);
      }
    }
  }

  private Instant now() {
    return context.clock().instant();
  }
}
