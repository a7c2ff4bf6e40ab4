package io.cqrsshop.projector.application;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.OrderStatus;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchemas;
import io.cqrsshop.runtime.tracing.TraceParent;
import io.cqrsshop.testing.TestTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProjectingBatchTest {

  /** The history shows every event, so most tests project onto it. */
  private static final PhysicalIndex HISTORY = live(ReadModel.HISTORY);

  private static final PhysicalIndex PRODUCTS = live(ReadModel.PRODUCTS);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StopSignal stop = new StopSignal(Clock.systemUTC());
  private final ScriptedStore store = new ScriptedStore();
  private final FakeParkedEvents parked = new FakeParkedEvents();
  private final TestTracing tracing = new TestTracing();
  private final List<List<DocumentWrite>> announced = new ArrayList<>();
  private final ProjectingBatch projecting =
      new ProjectingBatch(
          new EventInterpreter(
              EventProjection.standard(), ReadModelSchemas.standard(), Clock.systemUTC()),
          store,
          parked,
          new ProjectorMetrics(registry, Clock.systemUTC()),
          new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
          stop,
          tracing.tracer(),
          (index, writes) -> announced.add(writes));

  @Test
  void project_allWritten_acksEveryEventAfterOneBulkIntoTheTarget() {
    var product = message(Events.productEvent(newId(), 1));
    var order = message(Events.orderEvent(newId(), 1, OrderStatus.ORDER_STATUS_PLACED));

    projecting.project(HISTORY, List.of(product, order));

    assertThat(store.requests).hasSize(1);
    assertThat(store.requests.getFirst())
        .extracting(DocumentWrite::model)
        .containsExactly(ReadModel.HISTORY, ReadModel.HISTORY);
    assertThat(store.indices).containsExactly(HISTORY.name());
    assertThat(product.replies).containsExactly("ack");
    assertThat(order.replies).containsExactly("ack");
    assertThat(
            registry.get("projector.events.applied").tag("read_model", "history").counter().count())
        .isEqualTo(2);
  }

  @Test
  void project_eventOfAnotherReadModel_acksItWithoutWriting() {
    var product = message(Events.productEvent(newId(), 1));
    var order = message(Events.orderEvent(newId(), 1, OrderStatus.ORDER_STATUS_PLACED));

    projecting.project(PRODUCTS, List.of(product, order));

    assertThat(store.requests.getFirst())
        .extracting(DocumentWrite::model)
        .containsExactly(ReadModel.PRODUCTS);
    assertThat(store.indices).containsExactly(PRODUCTS.name());
    assertThat(product.replies).containsExactly("ack");
    assertThat(order.replies).containsExactly("ack");
  }

  @Test
  void project_documentAlreadyNewer_acksAndCountsStale() {
    var event = message(Events.productEvent(newId(), 2));
    store.script.add(writes -> writes.stream().map(write -> WriteResult.stale()).toList());

    projecting.project(HISTORY, List.of(event));

    assertThat(event.replies).containsExactly("ack");
    assertThat(counter("projector.documents.stale")).isEqualTo(1);
  }

  @Test
  void project_indexDeleted_acksAndLeavesTheDocumentToTheRebuild() {
    var event = message(Events.productEvent(newId(), 1));
    store.script.add(writes -> List.of(WriteResult.missingIndex()));

    projecting.project(HISTORY, List.of(event));

    assertThat(event.replies).containsExactly("ack");
    assertThat(store.requests).hasSize(1);
    assertThat(parked.events).isEmpty();
  }

  @Test
  void project_undecodablePayload_parksItAndWritesTheOthers() {
    var poison = new FakeMessage("poison", "not an event".getBytes(StandardCharsets.UTF_8));
    var good = message(Events.userEvent(newId(), 1));

    ParkedEvent event = projectParkingOne(poison, good);

    assertThat(event.id()).isEqualTo("poison");
    assertThat(event.reason()).isEqualTo(ParkReason.UNDECODABLE);
    assertThat(event.payload()).isEqualTo("not an event".getBytes(StandardCharsets.UTF_8));
    assertThat(
            registry.get("projector.events.parked").tag("reason", "UNDECODABLE").counter().count())
        .isEqualTo(1);
  }

  @Test
  void project_eventWithoutState_parksItAsInvalid() {
    var empty =
        message(
            Events.envelope(
                    io.cqrsshop.proto.events.v1.AggregateType.AGGREGATE_TYPE_PRODUCT, newId(), 1)
                .build());

    projecting.project(HISTORY, List.of(empty));

    assertThat(empty.replies).containsExactly("ack");
    assertThat(store.requests).isEmpty();
    assertThat(parked.events)
        .singleElement()
        .extracting(ParkedEvent::reason)
        .isEqualTo(ParkReason.INVALID_EVENT);
  }

  @Test
  void project_someItemsRetryable_rewritesOnlyThoseThenAcks() {
    var order = message(Events.orderEvent(newId(), 1, OrderStatus.ORDER_STATUS_PLACED));
    var product = message(Events.productEvent(newId(), 1));
    // The product's document (second of two) fails once.
    store.script.add(
        writes ->
            List.of(
                WriteResult.applied(),
                WriteResult.retryable("429 es_rejected_execution_exception")));

    projecting.project(HISTORY, List.of(order, product));

    assertThat(store.requests).hasSize(2);
    assertThat(store.requests.get(1))
        .singleElement()
        .hasToString(store.requests.get(0).get(1).toString());
    assertThat(order.replies).containsExactly("in-progress", "ack");
    assertThat(product.replies).containsExactly("in-progress", "ack");
    assertThat(counter("projector.bulk.retries")).isEqualTo(1);
  }

  @Test
  void project_storeUnreachable_retriesTheWholeBatchUntilItIsBack() {
    var event = message(Events.productEvent(newId(), 1));
    store.script.add(ScriptedStore.unreachable());
    store.script.add(ScriptedStore.unreachable());

    projecting.project(HISTORY, List.of(event));

    assertThat(store.requests).hasSize(3);
    assertThat(event.replies).containsExactly("in-progress", "in-progress", "ack");
  }

  @Test
  void project_documentRefusedForGood_parksItsEventAndAcksTheOthers() {
    var refused = message(Events.productEvent(newId(), 1));
    var fine = message(Events.userEvent(newId(), 1));
    store.script.add(
        writes ->
            List.of(
                WriteResult.permanent("400 strict_dynamic_mapping_exception"),
                WriteResult.applied()));

    ParkedEvent event = projectParkingOne(refused, fine);

    assertThat(event.reason()).isEqualTo(ParkReason.REFUSED_BY_STORE);
    assertThat(event.detail()).contains("strict_dynamic_mapping_exception");
    assertThat(event.aggregateType()).isEqualTo("product");
  }

  @Test
  void project_announcesTheDocumentsItWrote_notTheRefusedOnes() {
    String refusedId = newId();
    String fineId = newId();
    store.script.add(
        writes -> List.of(WriteResult.permanent("400 refused"), WriteResult.applied()));

    projecting.project(
        PRODUCTS,
        List.of(
            message(Events.productEvent(refusedId, 1)), message(Events.productEvent(fineId, 2))));

    assertThat(announced)
        .singleElement()
        .satisfies(
            writes ->
                assertThat(writes)
                    .extracting(DocumentWrite::id, DocumentWrite::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(fineId, 2L)));
  }

  @Test
  void project_parkingFailsForAWhile_keepsTheEventUntilItIsParked() {
    var poison = new FakeMessage("poison", new byte[] {1, 2, 3});
    parked.failures = 2;

    projecting.project(HISTORY, List.of(poison));

    assertThat(poison.replies).containsExactly("in-progress", "in-progress", "ack");
    assertThat(parked.events).hasSize(1);
  }

  @Test
  void project_storeDownWhenGraceIsOver_handsEventsBackUnacknowledged() {
    var event = message(Events.productEvent(newId(), 1));
    stop.stop(Duration.ZERO);
    store.script.add(ScriptedStore.unreachable());

    projecting.project(HISTORY, List.of(event));

    assertThat(event.replies).containsExactly("nak PT0S");
  }

  @Test
  void project_tracedEvent_processSpanChildOfThePublishAndTheBatchLinkingIt() {
    Span publish = tracing.tracer().spanBuilder("publish").startSpan();
    publish.end();
    var traced = message(Events.productEvent(newId(), 1));
    traced.traceParent = TraceParent.of(Context.root().with(publish));
    var untraced = message(Events.userEvent(newId(), 1));

    projecting.project(HISTORY, List.of(traced, untraced));

    SpanData process = finished("process shop.events.test");
    SpanData batch = finished("project batch");
    assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(process.getTraceId()).isEqualTo(publish.getSpanContext().getTraceId());
    assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanContext().getSpanId());
    assertThat(process.getAttributes().get(AttributeKey.stringKey("cqrsshop.projector.outcome")))
        .isEqualTo("applied");
    assertThat(batch.getParentSpanContext().isValid()).isFalse();
    assertThat(batch.getLinks())
        .singleElement()
        .satisfies(link -> assertThat(link.getSpanContext()).isEqualTo(process.getSpanContext()));
    assertThat(store.spansAtWrite).containsExactly(batch.getSpanContext());
  }

  @Test
  void project_noTracedEvent_recordsNoSpan() {
    projecting.project(HISTORY, List.of(message(Events.productEvent(newId(), 1))));

    assertThat(tracing.spans()).isEmpty();
    assertThat(store.spansAtWrite)
        .singleElement()
        .satisfies(span -> assertThat(span.isValid()).isFalse());
  }

  private SpanData finished(String name) {
    List<SpanData> named =
        tracing.spans().stream().filter(span -> span.getName().equals(name)).toList();
    assertThat(named).hasSize(1);
    return named.getFirst();
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private static PhysicalIndex live(ReadModel model) {
    return new PhysicalIndex(model, model.baseName() + "_v1", 1, 0, true, true);
  }

  private static FakeMessage message(EventEnvelope event) {
    return new FakeMessage(event.getEventId(), event.toByteArray());
  }

  /** A message that records the replies the projector sends. */
  static final class FakeMessage implements EventMessage {
    private final String id;
    private final byte[] payload;
    final List<String> replies = new ArrayList<>();
    String traceParent = "";

    FakeMessage(String id, byte[] payload) {
      this.id = id;
      this.payload = payload;
    }

    @Override
    public String messageId() {
      return id;
    }

    @Override
    public long streamSequence() {
      return 7;
    }

    @Override
    public String subject() {
      return "shop.events.test";
    }

    @Override
    public byte[] payload() {
      return payload;
    }

    @Override
    public String traceParent() {
      return traceParent;
    }

    @Override
    public void ack() {
      replies.add("ack");
    }

    @Override
    public void nakWithDelay(Duration delay) {
      replies.add("nak " + delay);
    }

    @Override
    public void inProgress() {
      replies.add("in-progress");
    }
  }

  /** Parked events in memory; fails the first {@code failures} attempts. */
  /**
   * Projects the batch into the history, expecting every message acknowledged and exactly one of
   * them parked; returns that one.
   */
  private ParkedEvent projectParkingOne(FakeMessage... batch) {
    projecting.project(HISTORY, List.of(batch));

    for (FakeMessage message : batch) {
      assertThat(message.replies).containsExactly("ack");
    }
    assertThat(parked.events).hasSize(1);
    return parked.events.getFirst();
  }

  static final class FakeParkedEvents implements ParkedEvents {
    final List<ParkedEvent> events = new ArrayList<>();
    int failures;

    @Override
    public void park(List<ParkedEvent> more) throws IOException {
      if (failures > 0) {
        failures--;
        throw new IOException("store unreachable");
      }
      for (ParkedEvent event : more) {
        events.removeIf(existing -> existing.id().equals(event.id()));
        events.add(event);
      }
    }

    @Override
    public List<ParkedEvent> list(Optional<ParkReason> reason, Cursor after, int limit) {
      return events.stream()
          .filter(event -> reason.map(r -> r == event.reason()).orElse(true))
          .filter(
              event ->
                  event.streamSequence() > after.streamSequence()
                      || (event.streamSequence() == after.streamSequence()
                          && event.id().compareTo(after.id()) > 0))
          .sorted(
              java.util.Comparator.comparingLong(ParkedEvent::streamSequence)
                  .thenComparing(ParkedEvent::id))
          .limit(limit)
          .toList();
    }

    @Override
    public Optional<ParkedEvent> get(String id) {
      return events.stream().filter(event -> event.id().equals(id)).findFirst();
    }

    @Override
    public void remove(String id) {
      events.removeIf(event -> event.id().equals(id));
    }

    @Override
    public long count() {
      return events.size();
    }
  }

  /** A store that answers each request from a script, then applies everything. */
  static final class ScriptedStore implements ReadModelStore {
    final Deque<Function<List<DocumentWrite>, List<WriteResult>>> script = new ArrayDeque<>();
    final List<List<DocumentWrite>> requests = new ArrayList<>();
    final Set<String> indices = new java.util.LinkedHashSet<>();
    final List<SpanContext> spansAtWrite = new ArrayList<>();

    static Function<List<DocumentWrite>, List<WriteResult>> unreachable() {
      return writes -> {
        throw new IllegalStateException(new IOException("connection refused"));
      };
    }

    @Override
    public List<WriteResult> write(String index, List<DocumentWrite> writes) {
      indices.add(index);
      requests.add(List.copyOf(writes));
      spansAtWrite.add(Span.current().getSpanContext());
      Function<List<DocumentWrite>, List<WriteResult>> next = script.poll();
      return next == null
          ? writes.stream().map(write -> WriteResult.applied()).toList()
          : next.apply(writes);
    }

    @Override
    public List<WriteResult> writeTo(String index, List<DocumentWrite> writes) {
      return write(index, writes);
    }
  }
}
