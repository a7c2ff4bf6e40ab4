package io.cqrsshop.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.grpc.GrpcSettings;
import java.io.IOException;
import java.net.ServerSocket;
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
