package io.cqrsshop.projector.application;

import io.cqrsshop.projector.application.rebuild.ReadModelRebuild;
import io.cqrsshop.projector.application.rebuild.RebuildContext;
import io.cqrsshop.projector.application.rebuild.RebuildReason;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.RebuildTarget;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the read models of this projector's schemas built and projected, on every tick: it runs a
 * live projection for each live index of the versions this build writes, asks for a rebuild when a
 * version has no live index, takes over rebuilds that wait for a projector (or whose projector
 * died), removes the consumers of deleted indices, and retries parked events.
 *
 * <p>Progress belongs to an index, not to a process: each index has its own consumer, and a build
 * only ever consumes the indices of its own versions. Builds of different versions running side by
 * side (a rolling update, a rollback) therefore never hand work to each other: each keeps its own
 * indices current, and the alias alone decides which one queries read. Every replica runs this; the
 * rebuild records decide which one works on a rebuild (one record per read model, changed only by
 * compare and set, with a lease).
 */
public final class ReadModelLifecycle implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ReadModelLifecycle.class);
  private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  private final RebuildContext context;
  private final LiveProjections projections;
  private final UnusedConsumers unusedConsumers;
  private final ReplayingParkedEvents replaying;
  private final Duration parkedRetryInterval;
  private final Map<ReadModel, Thread> running = new ConcurrentHashMap<>();
  private final Set<String> retriedAfterFailure = new HashSet<>();
  private final Map<ReadModel, Instant> lastWarning = new EnumMap<>(ReadModel.class);
  private Instant lastParkedRetry = Instant.EPOCH;

  public ReadModelLifecycle(
      RebuildContext context,
      LiveProjections projections,
      UnusedConsumers unusedConsumers,
      ReplayingParkedEvents replaying,
      Duration parkedRetryInterval) {
    this.context = context;
    this.projections = projections;
    this.unusedConsumers = unusedConsumers;
    this.replaying = replaying;
    this.parkedRetryInterval = parkedRetryInterval;
  }

  /** Removes the consumers of indices that no longer exist (see {@link LiveProjections}). */
  @FunctionalInterface
  public interface UnusedConsumers {
    void deleteAllBut(Set<String> indices) throws Exception;
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

  private void tick() throws Exception {
    List<PhysicalIndex> live = new ArrayList<>();
    Set<String> inUse = new HashSet<>();
    for (ReadModel model : ReadModel.values()) {
      Optional<ReadModelSchema> schema = context.interpreter().schemas().schema(model);
      // The record first, then the indices: a rebuild swaps before it records DONE, so a record
      // that is over is never read with indices from before its swap.
      Optional<Versioned<RebuildRecord>> record =
          schema.isPresent() ? context.records().get(model.baseName()) : Optional.empty();
      List<PhysicalIndex> indices = context.indices().indices(model);
      indices.forEach(index -> inUse.add(index.name()));
      if (schema.isPresent()) {
        List<PhysicalIndex> ofVersion = liveIndices(schema.get(), indices);
        live.addAll(ofVersion);
        look(schema.get(), record, indices, !ofVersion.isEmpty()).ifPresent(inUse::add);
      }
    }
    projections.reconcile(live);
    running.values().removeIf(thread -> !thread.isAlive());
    unusedConsumers.deleteAllBut(inUse);
    retryParked();
    context.metrics().parkedEvents(context.parked().count());
  }

  /**
   * The live indices of the schema's version. A serving index of that version without a live alias
   * was made before indices had them: it is adopted, and its consumer reads the history once.
   */
  private List<PhysicalIndex> liveIndices(ReadModelSchema schema, List<PhysicalIndex> indices)
      throws Exception {
    List<PhysicalIndex> live =
        indices.stream().filter(i -> i.live() && i.version() == schema.version()).toList();
    if (live.isEmpty()) {
      for (PhysicalIndex index : indices) {
        if (index.serving() && index.version() == schema.version()) {
          context.indices().markLive(index.name());
          return List.of(index);
        }
      }
    }
    return live;
  }

  /**
   * Decides whether the read model needs a rebuild at this build's version, and takes one that
   * waits for a projector.
   *
   * @return the target index of a rebuild under way, whose consumer is in use
   */
  private Optional<String> look(
      ReadModelSchema schema,
      Optional<Versioned<RebuildRecord>> record,
      List<PhysicalIndex> indices,
      boolean hasLive)
      throws Exception {
    ReadModel model = schema.model();
    if (record.isPresent() && record.get().value().state().isActive()) {
      RebuildRecord value = record.get().value();
      boolean mine = running.containsKey(model) && running.get(model).isAlive();
      if (!mine
          && value.version() == schema.version()
          && (value.owner().isEmpty() || value.leaseExpired(now()))) {
        take(schema, record.get());
      }
      return Optional.of(value.targetIndex());
    }
    Optional<PhysicalIndex> serving = indices.stream().filter(PhysicalIndex::serving).findFirst();
    if (hasLive) {
      if (serving.isPresent() && serving.get().version() != schema.version()) {
        warnOnce(
            model,
            "the alias of {} serves v{}; this build keeps its v{} index current beside it. To"
                + " serve that one (a rollback, or a roll forward again): admin rebuild {}"
                + " --version {}",
            model.baseName(),
            serving.get().version(),
            schema.version(),
            model.baseName(),
            schema.version());
      }
      return Optional.empty();
    }
    if (serving.isPresent() && serving.get().version() > schema.version()) {
      warnOnce(
          model,
          "the alias of {} serves v{} and there is no live v{} index: this build projects nothing"
              + " into {}. To roll back to v{}: admin rebuild {} --version {}",
          model.baseName(),
          serving.get().version(),
          schema.version(),
          model.baseName(),
          schema.version(),
          model.baseName(),
          schema.version());
      return Optional.empty();
    }
    if (record.isPresent() && record.get().value().version() == schema.version()) {
      RebuildState last = record.get().value().state();
      if (last == RebuildState.CANCELLED) {
        return Optional.empty(); // An operator stopped it; only an operator starts it again.
      }
      if ((last == RebuildState.FAILED || last == RebuildState.REFUSED)
          && !retriedAfterFailure.add(model.baseName() + "@" + schema.version())) {
        // Tried again once since this process started; an operator decides on more.
        return Optional.empty();
      }
    }
    request(schema, indices, serving, record);
    return Optional.empty();
  }

  private void request(
      ReadModelSchema schema,
      List<PhysicalIndex> indices,
      Optional<PhysicalIndex> serving,
      Optional<Versioned<RebuildRecord>> previous)
      throws Exception {
    ReadModel model = schema.model();
    RebuildTarget target =
        RebuildTarget.choose(
            context.indices().names(),
            model,
            schema.version(),
            indices,
            previous.map(Versioned::value),
            false);
    RebuildReason reason =
        serving.isEmpty() ? RebuildReason.INDEX_MISSING : RebuildReason.VERSION_CHANGED;
    RebuildRecord record =
        target.request(
            model,
            reason,
            null,
            reason == RebuildReason.INDEX_MISSING
                ? "the read model has no index"
                : "the projector writes " + schema + " and has no live index of it",
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
    ReadModelRebuild rebuild =
        new ReadModelRebuild(context, schema, leased.get(), projections::takeOver);
    Thread worker =
        Thread.ofPlatform()
            .name("rebuild-" + schema.model().baseName())
            .start(
                () -> {
                  rebuild.run();
                  projectAtOnce(schema);
                });
    running.put(schema.model(), worker);
  }

  /**
   * Starts the live projection of an index a rebuild just swapped in, without waiting for the next
   * tick: the rebuild swaps with up to a batch of events left, which the projection applies.
   */
  private void projectAtOnce(ReadModelSchema schema) {
    if (context.stop().isStopping()) {
      return;
    }
    try {
      projections.startMissing(liveIndices(schema, context.indices().indices(schema.model())));
    } catch (Exception e) {
      log.debug("the next tick starts the live projection: {}", e.toString());
    }
  }

  /** Every parked event is retried within a few intervals, oldest first; see the cursor. */
  private void retryParked() throws Exception {
    if (Duration.between(lastParkedRetry, now()).compareTo(parkedRetryInterval) < 0) {
      return;
    }
    lastParkedRetry = now();
    ReplayingParkedEvents.Summary summary = replaying.retryNext(ParkReason.UNKNOWN_EVENT_KIND);
    if (summary.applied() > 0) {
      log.info(
          "applied {} parked events of kinds an older projector did not know ({} still unknown)",
          summary.applied(),
          summary.stillParked());
    }
  }

  private void warnOnce(ReadModel model, String message, Object... arguments) {
    Instant last = lastWarning.getOrDefault(model, Instant.EPOCH);
    if (Duration.between(last, now()).compareTo(WARNING_INTERVAL) >= 0) {
      lastWarning.put(model, now());
      log.warn(message, arguments);
    }
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
