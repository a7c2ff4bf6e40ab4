package io.cqrsshop.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Configures logging once the service has read its configuration: text or JSON on standard output,
 * where the container runtime collects it. MDC fields such as {@code request_id} and {@code
 * event_id} appear in both formats, and so do {@code trace_id} and {@code span_id} of the span a
 * line was logged in, when tracing is on.
 */
public final class Logging {

  private static final String TEXT_PATTERN =
      "%d{HH:mm:ss.SSS} %-5level %logger{1} %replace([%mdc] ){'\\[\\] ', ''}- %msg%n";

  /** Libraries that are chatty at INFO and whose warnings are what an operator needs. */
  private static final Map<String, Level> QUIET =
      Map.of(
          "io.grpc.netty", Level.WARN,
          "io.netty", Level.WARN,
          "org.elasticsearch.client", Level.WARN,
          "org.apache.http", Level.WARN,
          "com.zaxxer.hikari", Level.WARN,
          "org.flywaydb", Level.WARN);

  private Logging() {}

  public static void configure(LogFormat format, String level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stdout");
    appender.setEncoder(encoder(format, context));
    appender.start();
    OpenTelemetryAppender withTraceIds = new OpenTelemetryAppender();
    withTraceIds.setContext(context);
    withTraceIds.setName("stdout-with-trace-ids");
    withTraceIds.addAppender(appender);
    withTraceIds.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(withTraceIds);
    QUIET.forEach((name, quietLevel) -> context.getLogger(name).setLevel(quietLevel));
  }

  /** Flushes and stops logging; the last step of a shutdown. */
  public static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
    if (format == LogFormat.JSON) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}
