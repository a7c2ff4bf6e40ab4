package io.cqrsshop.projector.application;

import io.cqrsshop.projector.application.rebuild.IndexAdmin;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildRecords;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Tries parked events again, after a fix or with a projector that knows more kinds of events: an
 * event that applies now is written into every live index of the versions this build writes and
 * leaves the parked events; one that still cannot be applied stays, with the new reason and one
 * more attempt.
 *
 * <p>A rebuild under way may have read past the event already: its documents are also written into
 * the index of a rebuild of this build's version that is building.
 */
public final class ReplayingParkedEvents {

  private static final Logger log = LoggerFactory.getLogger(ReplayingParkedEvents.class);
  private static final int PAGE = 200;

  /** How many parked events {@link #retryNext} tries at most per call. */
  static final int RETRIES_PER_CALL = 1_000;

  private final ParkedEvents parked;
  private final EventInterpreter interpreter;
  private final ReadModelStore store;
  private final IndexAdmin indices;
  private final RebuildRecords rebuilds;
  private final Clock clock;
  private ParkedEvents.Cursor next = ParkedEvents.Cursor.START;

  public ReplayingParkedEvents(
      ParkedEvents parked,
      EventInterpreter interpreter,
      ReadModelStore store,
      IndexAdmin indices,
      RebuildRecords rebuilds,
      Clock clock) {
    this.parked = parked;
    this.interpreter = interpreter;
    this.store = store;
    this.indices = indices;
    this.rebuilds = rebuilds;
    this.clock = clock;
  }

  /** How one replay ended. */
  public record Replay(ParkedEvent event, boolean applied, String detail) {}

  /** How many replays of a run applied their event, and how many events stay parked. */
  public record Summary(int applied, int stillParked) {}

  /**
   * Replays one event.
   *
   * @throws Exception when the store cannot be reached; the event stays parked as it was
   */
  public Replay replay(ParkedEvent event) throws Exception {
    try (var ignored = MDC.putCloseable("event_id", event.id())) {
      Interpretation interpretation =
          interpreter.interpret(
              event.id(), event.streamSequence(), event.subject(), event.payload());
      return switch (interpretation) {
        case Interpretation.Park again ->
            stillParked(event, again.event().reason(), again.event().detail());
        case Interpretation.Apply apply -> write(event, apply.writes());
      };
    }
  }

  /** Replays every parked event of a reason (or all), oldest first, up to {@code limit}. */
  public Summary replayAll(Optional<ParkReason> reason, int limit) throws Exception {
    return replay(reason, ParkedEvents.Cursor.START, limit).summary();
  }

  /**
   * Replays the next {@link #RETRIES_PER_CALL} parked events of a reason, oldest first, from where
   * the previous call stopped, and starts over after the newest: however many events stay parked,
   * every one is tried again within a bounded number of calls.
   */
  public synchronized Summary retryNext(ParkReason reason) throws Exception {
    Pass pass = replay(Optional.of(reason), next, RETRIES_PER_CALL);
    next = pass.reachedTheEnd() ? ParkedEvents.Cursor.START : pass.stoppedAt();
    return pass.summary();
  }

  private record Pass(Summary summary, ParkedEvents.Cursor stoppedAt, boolean reachedTheEnd) {}

  private Pass replay(Optional<ParkReason> reason, ParkedEvents.Cursor from, int limit)
      throws Exception {
    int applied = 0;
    int stillParked = 0;
    ParkedEvents.Cursor after = from;
    while (applied + stillParked < limit) {
      int wanted = Math.min(PAGE, limit - applied - stillParked);
      List<ParkedEvent> page = parked.list(reason, after, wanted);
      for (ParkedEvent event : page) {
        if (replay(event).applied()) {
          applied++;
        } else {
          stillParked++;
        }
      }
      if (!page.isEmpty()) {
        after = ParkedEvents.Cursor.after(page.getLast());
      }
      if (page.size() < wanted) {
        return new Pass(new Summary(applied, stillParked), after, true);
      }
    }
    return new Pass(new Summary(applied, stillParked), after, false);
  }

  private Replay write(ParkedEvent event, List<DocumentWrite> writes) throws Exception {
    List<WriteResult> results = new ArrayList<>();
    Map<ReadModel, List<DocumentWrite>> byModel =
        writes.stream().collect(Collectors.groupingBy(DocumentWrite::model));
    for (var entry : byModel.entrySet()) {
      for (String index : liveIndices(entry.getKey())) {
        results.addAll(store.write(index, entry.getValue()));
      }
      Optional<String> building = buildingIndex(entry.getKey());
      if (building.isPresent()) {
        results.addAll(store.writeTo(building.get(), entry.getValue()));
      }
    }
    for (WriteResult result : results) {
      if (result.kind() == WriteResult.Kind.RETRYABLE) {
        throw new IllegalStateException(
            "the store cannot take the documents now: " + result.detail());
      }
      if (result.kind() == WriteResult.Kind.PERMANENT) {
        return stillParked(event, ParkReason.REFUSED_BY_STORE, result.detail());
      }
    }
    parked.remove(event.id());
    log.info("replayed parked event {} ({}): applied", event.id(), event.eventType());
    return new Replay(event, true, "applied");
  }

  /** The live indices of the version this build writes. */
  private List<String> liveIndices(ReadModel model) throws Exception {
    int version = version(model);
    return indices.indices(model).stream()
        .filter(index -> index.live() && index.version() == version)
        .map(PhysicalIndex::name)
        .toList();
  }

  /** The index that a rebuild of the version this build writes fills now, if any. */
  private Optional<String> buildingIndex(ReadModel model) throws Exception {
    int version = version(model);
    return rebuilds
        .get(model.baseName())
        .map(Versioned::value)
        .filter(record -> record.state().isActive() && record.version() == version)
        .map(RebuildRecord::targetIndex);
  }

  private int version(ReadModel model) {
    return interpreter.schemas().schema(model).orElseThrow().version();
  }

  private Replay stillParked(ParkedEvent event, ParkReason reason, String detail) throws Exception {
    // An event still unknown stays as it is: rewriting it on every automatic retry would only
    // churn the store.
    if (reason != event.reason() || !detail.equals(event.detail())) {
      parked.park(List.of(event.triedAgain(reason, detail, clock.instant())));
    }
    return new Replay(event, false, reason + ": " + detail);
  }
}
