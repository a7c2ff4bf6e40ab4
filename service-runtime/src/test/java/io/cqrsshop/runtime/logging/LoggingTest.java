package io.cqrsshop.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsshop.testing.TestTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream stdout;

  @BeforeEach
  void captureStdout() {
    stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdoutAndTestLogging() throws Exception {
    System.setOut(stdout);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void configure_json_linesInASpanCarryItsTraceAndSpanId() throws Exception {
    Logging.configure(LogFormat.JSON, "info");
    Span span = new TestTracing().tracer().spanBuilder("call").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LoggerFactory.getLogger(LoggingTest.class).info("inside the span");
    } finally {
      span.end();
    }
    LoggerFactory.getLogger(LoggingTest.class).info("outside any span");

    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("trace_id").asText())
        .isEqualTo(span.getSpanContext().getTraceId());
    assertThat(lines.get(0).path("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(lines.get(1).has("trace_id")).isFalse();
  }

  private List<JsonNode> lines() throws Exception {
    ObjectMapper json = new ObjectMapper();
    return captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .map(
            line -> {
              try {
                return json.readTree(line);
              } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + line, e);
              }
            })
        .toList();
  }
}
