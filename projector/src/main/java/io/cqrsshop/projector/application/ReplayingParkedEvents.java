package io.cqrsshop.projector.application;

import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildRecords;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.projector.projection.DocumentWrite;
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
 * event that applies now is written and leaves the parked events; one that still cannot be applied
 * stays, with the new reason and one more attempt.
 *
 * <p>A replayed event is not in the stream again, so a rebuild under way would not see it: its
 * documents are also written into the index of any rebuild that is building.
 */
public final class ReplayingParkedEvents {

  private static final Logger log = LoggerFactory.getLogger(ReplayingParkedEvents.class);
  private static final int PAGE = 200;

  private final ParkedEvents parked;
  private final EventInterpreter interpreter;
  private final ReadModelStore store;
  private final RebuildRecords rebuilds;
  private final Clock clock;

  public ReplayingParkedEvents(
      ParkedEvents parked,
      EventInterpreter interpreter,
      ReadModelStore store,
      RebuildRecords rebuilds,
      Clock clock) {
    this.parked = parked;
    this.interpreter = interpreter;
    this.store = store;
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

  /** Replays every parked event of a reason (or all), up to {@code limit}. */
  public Summary replayAll(Optional<ParkReason> reason, int limit) throws Exception {
    int applied = 0;
    int stillParked = 0;
    String after = "";
    while (applied + stillParked < limit) {
      List<ParkedEvent> page =
          parked.list(reason, after, Math.min(PAGE, limit - applied - stillParked));
      if (page.isEmpty()) {
        break;
      }
      for (ParkedEvent event : page) {
        if (replay(event).applied()) {
          applied++;
        } else {
          stillParked++;
        }
      }
      after = page.getLast().id();
    }
    return new Summary(applied, stillParked);
  }

  private Replay write(ParkedEvent event, List<DocumentWrite> writes) throws Exception {
    List<WriteResult> results = new ArrayList<>(store.write(writes));
    Map<ReadModel, List<DocumentWrite>> byModel =
        writes.stream().collect(Collectors.groupingBy(DocumentWrite::model));
    for (var entry : byModel.entrySet()) {
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

  private Replay stillParked(ParkedEvent event, ParkReason reason, String detail) throws Exception {
    // An event still unknown stays as it is: rewriting it on every automatic retry would only
    // churn the store.
    if (reason != event.reason() || !detail.equals(event.detail())) {
      parked.park(List.of(event.triedAgain(reason, detail, clock.instant())));
    }
    return new Replay(event, false, reason + ": " + detail);
  }

  private Optional<String> buildingIndex(ReadModel model) throws Exception {
    return rebuilds
        .get(model.baseName())
        .map(Versioned::value)
        .filter(
            record ->
                record.state() == RebuildState.BUILDING || record.state() == RebuildState.SWAPPED)
        .map(RebuildRecord::targetIndex);
  }
}
