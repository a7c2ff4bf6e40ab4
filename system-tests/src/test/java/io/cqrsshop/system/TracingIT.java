package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.runtime.tracing.TraceParent;
import io.cqrsshop.shared.EventSubjects;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One trace follows a command across every hop: the CreateProduct call and its SQL, the relay's
 * publish (a child of the call, through the traceparent stored with the event), the projector's
 * processing of the event (a child of the publish, through the NATS header) and the bulk write
 * (under the batch span that links to it). Without an exporter configured the services record
 * nothing: no trace context is stored or sent.
 */
class TracingIT {

  private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment.name");
  private static final String RUN = "tracing-it-" + UUID.randomUUID();

  @RegisterExtension final RunningSystem system = new RunningSystem();

  @Test
  void createProduct_oneTraceFromTheCallThroughThePublishToTheProjectorsWrite() {
    // Exported through the real autoconfiguration, to the in-memory exporter of this JVM.
    RunningSystem traced =
        system
            .withEnv(
                Map.of(
                    "OTEL_TRACES_EXPORTER", "memory",
                    "OTEL_BSP_SCHEDULE_DELAY", "50",
                    "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=" + RUN))
            .start();
    CreateProductResponse created = traced.createSomeProduct();

    SpanData call =
        await(
            "the CreateProduct server span",
            span ->
                span.getName().equals("cqrsshop.v1.CommandService/CreateProduct")
                    && span.getKind() == SpanKind.SERVER);
    SpanData publish =
        await(
            "the relay's publish span",
            span -> span.getKind() == SpanKind.PRODUCER && sameTrace(span, call));
    SpanData process =
        await(
            "the projector's process span",
            span -> span.getKind() == SpanKind.CONSUMER && sameTrace(span, call));
    SpanData batch =
        await(
            "the batch span that links to it",
            span ->
                span.getName().equals("project batch")
                    && span.getLinks().stream()
                        .anyMatch(link -> link.getSpanContext().equals(process.getSpanContext())));
    SpanData bulk =
        await(
            "the bulk request under the batch",
            span ->
                span.getName().equals("bulk")
                    && span.getParentSpanId().equals(batch.getSpanId())
                    && span.getKind() == SpanKind.CLIENT);

    assertThat(service(call)).isEqualTo("command-service");
    assertThat(call.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")))
        .isEqualTo(0L);
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(spans())
        .as("the SQL of the command, in its trace")
        .anySatisfy(
            span -> {
              assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(span.getParentSpanId()).isEqualTo(call.getSpanId());
              assertThat(span.getAttributes().asMap().values())
                  .anySatisfy(value -> assertThat(value.toString()).contains("INSERT INTO events"));
            });
    assertThat(service(publish)).isEqualTo("command-service");
    assertThat(publish.getParentSpanId()).isEqualTo(call.getSpanId());
    assertThat(publish.getName()).startsWith("publish ");
    assertThat(service(process)).isEqualTo("projector");
    assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
    assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
        .isEqualTo(storedEvent(traced).eventId());
    assertThat(process.getAttributes().get(AttributeKey.stringKey("cqrsshop.projector.outcome")))
        .isEqualTo("applied");
    assertThat(service(batch)).isEqualTo("projector");
    assertThat(service(bulk)).isEqualTo("projector");
    assertThat(storedEvent(traced).traceParent())
        .startsWith("00-" + call.getTraceId() + "-" + call.getSpanId() + "-");
    assertThat(sentTraceParent(traced))
        .hasValueSatisfying(
            header ->
                assertThat(header)
                    .startsWith("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-"));

    // A query that waits for its token: the wait is a span of the query's call.
    traced.readOwnWrite(created);
    SpanData query =
        await(
            "the GetProduct server span",
            span -> span.getName().equals("cqrsshop.v1.QueryService/GetProduct"));
    SpanData wait =
        await(
            "the consistency wait",
            span -> span.getName().equals("consistency wait") && sameTrace(span, query));
    assertThat(service(query)).isEqualTo("query-service");
    assertThat(wait.getParentSpanId()).isEqualTo(query.getSpanId());
  }

  @Test
  void noExporterConfigured_nothingIsRecordedStoredOrSent() {
    // Everything a traced system has, but somewhere to export spans to.
    RunningSystem untraced =
        system
            .withEnv(
                Map.of(
                    "OTEL_TRACES_SAMPLER", "always_on",
                    "OTEL_BSP_SCHEDULE_DELAY", "50",
                    "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=untraced"))
            .start();
    CreateProductResponse created = untraced.createSomeProduct();
    untraced.readOwnWrite(created);

    // No span recorded anywhere on the way: a recording one would have left a valid context.
    assertThat(storedEvent(untraced).traceParent()).isNull();
    assertThat(sentTraceParent(untraced)).isEmpty();
    assertThat(spans())
        .extracting(span -> span.getResource().getAttributes().get(ENVIRONMENT))
        .doesNotContain("untraced");
  }

  private record StoredEvent(String eventId, String traceParent) {}

  /** The one event of the system's one command, as the command stored it. */
  private static StoredEvent storedEvent(RunningSystem system) {
    return Jdbi.create(system.database.url(), system.database.user(), system.database.password())
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT event_id::text, trace_parent FROM events")
                    .map((rs, ctx) -> new StoredEvent(rs.getString(1), rs.getString(2)))
                    .one());
  }

  /** The traceparent header of the first message on the stream, as the relay sent it. */
  private static Optional<String> sentTraceParent(RunningSystem system) {
    try (var connection = Nats.connect(system.nats.url())) {
      MessageInfo message =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(
                  () ->
                      connection.jetStreamManagement().getMessage(EventSubjects.DEFAULT_STREAM, 1),
                  info -> info != null);
      return Optional.ofNullable(message.getHeaders())
          .map(headers -> headers.getFirst(TraceParent.HEADER));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the stream", e);
    }
  }

  private static List<SpanData> spans() {
    return MemorySpanExporterProvider.SPANS.getFinishedSpanItems();
  }

  private static SpanData await(String what, Predicate<SpanData> matches) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                spans().stream()
                    .filter(span -> RUN.equals(span.getResource().getAttributes().get(ENVIRONMENT)))
                    .filter(matches)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static boolean sameTrace(SpanData span, SpanData other) {
    return span.getTraceId().equals(other.getTraceId());
  }

  private static String service(SpanData span) {
    return span.getResource().getAttributes().get(SERVICE);
  }
}
