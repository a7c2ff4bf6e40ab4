package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.projector.application.Backoff;
import io.cqrsshop.projector.application.EventInterpreter;
import io.cqrsshop.projector.application.ParkedEvents;
import io.cqrsshop.projector.application.ProjectorMetrics;
import io.cqrsshop.projector.application.ReadModelStore;
import io.cqrsshop.projector.application.StopSignal;
import java.time.Clock;

/**
 * What every rebuild of one projector works with: the stores, the event stream and its identity.
 */
public record RebuildContext(
    RebuildRecords records,
    IndexAdmin indices,
    EventStream stream,
    EventInterpreter interpreter,
    ReadModelStore store,
    ParkedEvents parked,
    ProjectorMetrics metrics,
    RebuildMetrics rebuildMetrics,
    RebuildSettings settings,
    Backoff backoff,
    StopSignal stop,
    Clock clock,
    String owner) {}
