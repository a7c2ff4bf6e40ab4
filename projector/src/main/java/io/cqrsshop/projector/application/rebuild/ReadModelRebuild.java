package io.cqrsshop.projector.application.rebuild;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import dev.failsafe.function.CheckedSupplier;
import io.cqrsshop.projector.application.BulkAttempt;
import io.cqrsshop.projector.application.Delivery;
import io.cqrsshop.projector.application.EventMessage;
import io.cqrsshop.projector.application.Interpretation;
import io.cqrsshop.projector.application.ParkedEvent;
import io.cqrsshop.projector.application.rebuild.RebuildLease.LeaseLostException;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Builds one physical index of a read model from the event history, beside the index that serves
 * queries, and swaps the alias once it has caught up; or, when the index is already live (a
 * rollback to a version whose builds kept it current), only catches it up and swaps. Run by the one
 * projector that holds the rebuild's lease.
 *
 * <p>Why this is safe while live events keep flowing: the rebuild reads the stream through the
 * durable consumer of its target index, which no other index shares. Every event reaches the new
 * index through that consumer, whoever applied it elsewhere. The swap marks the index live, and
 * from then on the live projections of its version read the same consumer from where the rebuild
 * left it: nothing is handed over, so nothing can be lost between the two, and nothing is left to
 * do after the swap (the rebuild is DONE in the same step). Queries never read a half-built index:
 * the alias moves only when the consumer's backlog is no larger than the live path's batch.
 * Documents carry their aggregate version, so applying an event twice, or late, never moves a
 * document backwards.
 *
 * <p>A killed projector's lease runs out and another projector resumes from what the consumer
 * acknowledged. A rebuild that loses its lease (or is cancelled) stops at once and never swaps; one
 * whose documents the store refuses fails and never swaps. Passing failures (a dependency down) are
 * waited out.
 */
public final class ReadModelRebuild implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
  private static final Duration STREAM_POLL = Duration.ofMillis(200);

  /** Takes the reader of an index the rebuild swapped in, to project live events from it. */
  @FunctionalInterface
  public interface HandOver {
    /** False when it cannot; the rebuild then closes the reader. */
    boolean take(PhysicalIndex index, EventStreamReader reader);
  }

  private final RebuildContext context;
  private final HandOver handOver;
  private final ReadModelSchema schema;
  private final ReadModel model;
  private final RebuildLease lease;
  private final String target;
  private RebuildProgress progress;
  private Instant lastLogged;
  private volatile EventStreamReader backlogSource;
  private boolean catchUpOnly;

  /**
   * @param leased the record as this projector stored it when it took the lease
   */
  public ReadModelRebuild(
      RebuildContext context,
      ReadModelSchema schema,
      Versioned<RebuildRecord> leased,
      HandOver handOver) {
    this.context = context;
    this.handOver = handOver;
    this.schema = schema;
    this.model = schema.model();
    this.lease =
        new RebuildLease(
            context.records(),
            context.clock(),
            context.owner(),
            context.settings().lease(),
            leased);
    this.target = leased.value().targetIndex();
    Instant now = context.clock().instant();
    this.progress = new RebuildProgress(leased.value().eventsDone(), now);
    this.lastLogged = now;
  }

  @Override
  public void run() {
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            runnable ->
                Thread.ofPlatform()
                    .name("rebuild-lease-" + model.baseName())
                    .daemon()
                    .unstarted(runnable));
    long interval = context.settings().progressInterval().toMillis();
    heartbeat.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    try (var ignored = MDC.putCloseable("read_model", model.baseName())) {
      rebuild();
    } finally {
      heartbeat.shutdownNow();
    }
  }

  private void rebuild() {
    try {
      if (!prepare()) {
        return;
      }
      persistently("create " + target, () -> context.indices().createForBulkLoad(schema, target));
      if (persistently("look for the stream", () -> context.stream().exists())) {
        EventStreamReader events =
            context.stream()
                .open(target, model, Optional.ofNullable(lease.record().historySince()));
        boolean handedOver = false;
        try {
          catchUp(events);
          handedOver =
              !context.stop().isStopping()
                  && handOver.take(
                      new PhysicalIndex(
                          model, target, schema.version(), lease.record().generation(), true, true),
                      events);
        } finally {
          if (!handedOver) {
            events.close();
          }
        }
      } else {
        // No stream yet, so no event was ever published: the empty index can serve at once. The
        // live projection creates its consumer from the first event once the stream exists.
        swap();
      }
      String previous = lease.record().previousIndex();
      log.info(
          "rebuild of {} done after {} events; {}",
          target,
          progress.eventsDone(),
          previous.isEmpty() || previous.equals(target)
              ? "there was no previous index"
              : previous + " stays live for a rollback until an operator deletes it");
    } catch (LeaseLostException lost) {
      context.rebuildMetrics().ended(model, RebuildState.BUILDING);
      log.warn("stopped the rebuild of {} without swapping: {}", target, lost.getMessage());
    } catch (Stopping stopping) {
      lease.release();
      context.rebuildMetrics().ended(model, RebuildState.BUILDING);
      log.info(
          "projector stopping: left the rebuild of {} at {} events; the next projector resumes it",
          target,
          progress.eventsDone());
    } catch (RebuildFailure failure) {
      fail(failure.getMessage(), null);
    } catch (Exception unexpected) {
      fail("unexpected error: " + unexpected, unexpected);
    }
  }

  /** Starts or resumes; false when the stream lacks events it needs and the rebuild refused. */
  private boolean prepare() throws Exception {
    RebuildRecord record = lease.record();
    Optional<Instant> since = Optional.ofNullable(record.historySince());
    catchUpOnly =
        persistently(
            "look at " + target,
            () ->
                context.indices().indices(model).stream()
                    .anyMatch(index -> index.name().equals(target) && index.live()));
    if (record.state() == RebuildState.PENDING) {
      if (catchUpOnly) {
        log.info(
            "serving {} again ({}): it is live, so it only catches up with its consumer;"
                + " queries keep reading {} until then",
            target,
            record.reason(),
            record.previousIndex().isEmpty() ? "nothing" : record.previousIndex());
      } else {
        // A consumer left behind under this index's name (its index was deleted) knows nothing
        // of this index: the rebuild starts from the first event.
        persistently("delete a stale reader", () -> context.stream().deleteReader(target));
        if (refusedForIncompleteStream("refused to rebuild ", since)) {
          return false;
        }
        log.info(
            "rebuilding {} ({}): building {} from the event history; queries keep reading {}",
            model.baseName(),
            record.reason(),
            target,
            record.previousIndex().isEmpty() ? "nothing until it is done" : record.previousIndex());
      }
      persistently(
          "start",
          () ->
              lease.renew(
                  r ->
                      r.inState(
                          RebuildState.BUILDING,
                          catchUpOnly
                              ? "catching up with the stream"
                              : "building from the event history",
                          now())));
    } else if (!catchUpOnly
        && !persistently("look for the stream reader", () -> context.stream().readerExists(target))
        && persistently("look for the stream", () -> context.stream().exists())) {
      // Starting over needs the whole history again, for instance after a load from PostgreSQL
      // whose tool died before it handed over.
      if (refusedForIncompleteStream("refused to start the rebuild over: ", since)) {
        return false;
      }
      progress = new RebuildProgress(0, now());
      log.warn("starting the rebuild of {} over: its reader of the history is gone", target);
    } else {
      log.info(
          "resuming the rebuild of {} ({}) at {} events; its previous owner stopped",
          target,
          record.state(),
          record.eventsDone());
    }
    return true;
  }

  private boolean refusedForIncompleteStream(String refusal, Optional<Instant> since)
      throws Exception {
    Optional<String> incomplete =
        persistently("read the state of the stream", () -> context.stream().incomplete(since));
    if (incomplete.isEmpty()) {
      return false;
    }
    String message =
        refusal
            + target
            + ": "
            + incomplete.get()
            + ". Load the history from PostgreSQL's event log instead (admin rebuild "
            + model.baseName()
            + " --from-postgres)";
    end(RebuildState.REFUSED, message);
    log.error(message);
    return true;
  }

  /**
   * Applies the stream until the reader is caught up with the live stream (its backlog no larger
   * than the live path's batch), then swaps.
   */
  private void catchUp(EventStreamReader events) throws Exception {
    backlogSource = events;
    try {
      while (true) {
        checkHeldAndRunning();
        List<EventMessage> batch =
            persistently("read the stream", () -> events.fetch(context.settings().batchSize()));
        if (!batch.isEmpty()) {
          apply(batch);
          progress.done(batch.size(), now());
          context.rebuildMetrics().applied(model, batch.size());
        }
        long backlog = persistently("read the stream reader's backlog", events::backlog);
        progress.backlog(backlog);
        logProgress();
        if (backlog <= context.settings().caughtUpBacklog()) {
          swap();
          return;
        }
      }
    } finally {
      backlogSource = null;
    }
  }

  private void swap() throws Exception {
    checkHeldAndRunning();
    persistently("make " + target + " searchable", () -> context.indices().finishBulkLoad(target));
    checkHeldAndRunning();
    persistently("swap the alias", () -> context.indices().swapAlias(model, target));
    // Nothing can fail after this: from here on the live projections of this version carry on.
    end(RebuildState.DONE, "done: " + target + " serves queries and is live");
    String previous = lease.record().previousIndex();
    log.info(
        "caught up after {} events: alias {} now points at {} (was {}), which the live"
            + " projections of v{} keep current from here on",
        progress.eventsDone(),
        context.indices().names().alias(model),
        target,
        previous.isEmpty() ? "none" : previous,
        schema.version());
  }

  private void apply(List<EventMessage> batch) throws Exception {
    Map<String, Delivery> newest = new LinkedHashMap<>();
    List<ParkedEvent> unapplicable = new ArrayList<>();
    for (EventMessage message : batch) {
      switch (context.interpreter().interpret(message)) {
        case Interpretation.Apply apply -> {
          for (DocumentWrite write : apply.writes()) {
            if (write.model() == model) {
              // The newest version of a document makes the older ones of the batch redundant.
              Delivery known = newest.get(write.id());
              if (known == null || known.writes().getFirst().version() < write.version()) {
                newest.put(write.id(), new Delivery(message, apply.event(), List.of(write)));
              }
            }
          }
        }
        case Interpretation.Park park -> unapplicable.add(park.event());
      }
    }
    List<Delivery> deliveries = List.copyOf(newest.values());
    BulkAttempt attempt =
        new BulkAttempt(
            writes -> context.store().writeTo(target, writes),
            context.rebuildMetrics(),
            deliveries);
    persistently("write documents", attempt::run);
    for (Delivery delivery : deliveries) {
      if (delivery.isRefused()) {
        throw new RebuildFailure("Elasticsearch refused " + delivery.refusal());
      }
    }
    if (!unapplicable.isEmpty()) {
      persistently("park events", () -> context.parked().park(unapplicable));
    }
    batch.forEach(EventMessage::ack);
  }

  private void heartbeat() {
    try {
      EventStreamReader reader = backlogSource;
      if (reader != null) {
        progress.backlog(reader.backlog());
      }
      lease.renew(this::withProgress);
      context.rebuildMetrics().progress(model, progress);
    } catch (LeaseLostException lost) {
      log.warn("lost the rebuild of {}: {}", target, lost.getMessage());
    } catch (Exception e) {
      log.debug("cannot renew the lease of the rebuild of {}: {}", target, e.toString());
    }
  }

  private RebuildRecord withProgress(RebuildRecord record) {
    return record.withProgress(
        progress.eventsDone(), progress.eventsTotal(), progress.eventsPerSecond(), now());
  }

  private void logProgress() {
    Instant now = now();
    if (Duration.between(lastLogged, now).compareTo(context.settings().logInterval()) >= 0) {
      lastLogged = now;
      log.info("rebuilding {}: {}", target, progress.describe());
    }
  }

  private void end(RebuildState state, String message) throws Exception {
    persistently(
        "record the end", () -> lease.update(r -> withProgress(r).inState(state, message, now())));
    context.rebuildMetrics().ended(model, state);
  }

  private void fail(String message, Exception cause) {
    String text = "rebuild of " + target + " failed, not swapped: " + message;
    if (cause == null) {
      log.error(text);
    } else {
      log.error(text, cause);
    }
    try {
      end(RebuildState.FAILED, message);
    } catch (Exception e) {
      log.warn("cannot record the failed rebuild: {}", e.toString());
    }
    if (!catchUpOnly) {
      try {
        context.stream().deleteReader(target);
      } catch (Exception e) {
        log.warn("cannot delete the failed rebuild's reader of {}: {}", target, e.toString());
      }
    }
  }

  private void checkHeldAndRunning() throws LeaseLostException {
    if (context.stop().isStopping()) {
      throw new Stopping();
    }
    lease.check();
  }

  private void persistently(String what, CheckedRunnable step) throws Exception {
    persistently(
        what,
        () -> {
          step.run();
          return true;
        });
  }

  /**
   * Retries a step that fails for passing reasons, for as long as this projector holds the lease
   * (the heartbeat keeps it meanwhile) and is not stopping.
   */
  private <T> T persistently(String what, CheckedSupplier<T> step) throws Exception {
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handleIf(
                failure ->
                    !(failure instanceof LeaseLostException)
                        && !(failure instanceof RebuildFailure))
            .withBackoff(context.backoff().initial(), context.backoff().max())
            .withMaxRetries(-1)
            .abortIf((result, failure) -> failure != null && !stillMine())
            .onRetry(
                event ->
                    log.warn(
                        "rebuild of {}: cannot {} (attempt {}), retrying: {}",
                        target,
                        what,
                        event.getAttemptCount(),
                        event.getLastException().toString()))
            .build();
    try {
      return Failsafe.with(policy).get(step);
    } catch (FailsafeException e) {
      checkHeldAndRunning();
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (RuntimeException e) {
      checkHeldAndRunning();
      throw e;
    }
  }

  private boolean stillMine() {
    try {
      checkHeldAndRunning();
      return true;
    } catch (LeaseLostException | Stopping e) {
      return false;
    }
  }

  private Instant now() {
    return context.clock().instant();
  }

  private static final class Stopping extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** A failure no retry can fix: the rebuild fails and never swaps. */
  static final class RebuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    RebuildFailure(String message) {
      super(message);
    }
  }
}
