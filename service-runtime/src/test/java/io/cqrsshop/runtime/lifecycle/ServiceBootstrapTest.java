package io.cqrsshop.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.grpc.GrpcSettings;
import io.cqrsshop.runtime.grpc.ServerLimits;
import io.cqrsshop.runtime.security.AuthSettings;
import io.cqrsshop.runtime.security.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceBootstrapTest {

  private final List<String> stopped = new ArrayList<>();

  @Test
  void start_wiringFails_stopsWhatWasStartedAndRethrows() throws IOException {
    int[] metricsPort = new int[1];

    assertThatThrownBy(
            () ->
                ServiceBootstrap.start(
                    "test",
                    service -> {
                      metricsPort[0] = service.serveMetrics("127.0.0.1", 0).port();
                      service.onShutdown("first", () -> stopped.add("first"));
                      service.onShutdown("second", () -> stopped.add("second"));
                      throw new IllegalStateException("no database");
                    }))
        .hasMessage("no database");

    assertThat(stopped).containsExactly("second", "first");
    // The metrics endpoint was stopped too: its port is free again.
    try (ServerSocket reused = new ServerSocket(metricsPort[0])) {
      assertThat(reused.getLocalPort()).isEqualTo(metricsPort[0]);
    }
  }

  @Test
  void shutdown_stopsThePartsInReverseOrderOfTheirStart() {
    RunningService running =
        ServiceBootstrap.start(
            "test",
            service -> {
              service.serveMetrics("127.0.0.1", 0);
              service.onShutdown("component", () -> stopped.add("component"));
              service.serveHealth(GrpcSettings.plaintext("127.0.0.1", 0, Duration.ofMillis(100)));
              service.onShutdown("last", () -> stopped.add("last"));
              return service.started();
            });
    assertThat(running.grpcPort()).isPositive();
    assertThat(running.metricsPort()).isPositive();

    running.shutdown();

    assertThat(stopped).containsExactly("last", "component");
  }

  @Test
  void serveHealth_connectionThatNeverHandshakes_isClosedAfterTheHandshakeTimeout()
      throws IOException {
    ServerLimits defaults = ServerLimits.defaults();
    ServerLimits limits =
        new ServerLimits(
            defaults.callsPerConnection(),
            defaults.callsPerCaller(),
            defaults.connectionAge(),
            defaults.connectionIdle(),
            defaults.keepAliveMinInterval(),
            defaults.maxMessageBytes(),
            Duration.ofSeconds(1),
            defaults.keepAliveTime());
    RunningService running =
        ServiceBootstrap.start(
            "test",
            service -> {
              service.serveMetrics("127.0.0.1", 0);
              service.serveHealth(
                  new GrpcSettings(
                      "127.0.0.1",
                      0,
                      Duration.ofMillis(100),
                      TlsSettings.off(),
                      AuthSettings.off(),
                      limits));
              return service.started();
            });
    try (Socket silent = new Socket("127.0.0.1", running.grpcPort())) {
      // Well above the limit and far below grpc-java's own two minutes: a read that times out
      // means the limit was not applied.
      silent.setSoTimeout(10_000);
      InputStream in = silent.getInputStream();
      long start = System.nanoTime();

      // The server may send its HTTP/2 settings first; the client's preface never comes.
      int read;
      do {
        read = in.read();
      } while (read != -1);

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    } finally {
      running.shutdown();
    }
  }

  @Test
  void started_withoutAGrpcServer_isRefused() {
    assertThatThrownBy(
            () ->
                ServiceBootstrap.start(
                    "test",
                    service -> {
                      service.serveMetrics("127.0.0.1", 0);
                      return service.started();
                    }))
        .isInstanceOf(IllegalStateException.class);
  }
}
