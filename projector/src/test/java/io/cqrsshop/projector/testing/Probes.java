package io.cqrsshop.projector.testing;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Kubernetes and Prometheus would see of a running projector. */
public final class Probes {

  private Probes() {}

  /** Readiness: the overall health status. */
  public static ServingStatus readiness(int healthPort) {
    return health(healthPort, "");
  }

  public static ServingStatus liveness(int healthPort) {
    return health(healthPort, "liveness");
  }

  private static ServingStatus health(int port, String service) {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
            .build();
    try {
      // A fresh channel's first call connects too; a loaded CI machine needs more than 2 s.
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build())
          .getStatus();
    } finally {
      channel.shutdownNow();
    }
  }

  /** The value of a metric without labels other than {@code application}; 0 when absent. */
  /** The sum of every series of a metric, whatever its labels. */
  public static double metric(int metricsPort, String name) {
    String body = scrape(metricsPort);
    Matcher matcher =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} (\\S+)$").matcher(body);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }

  /** The value of a metric whose labels include {@code label} (e.g. {@code read_model="users"}). */
  public static double metric(int metricsPort, String name, String label) {
    String body = scrape(metricsPort);
    Matcher matcher =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(name)
                    + "\\{[^}]*"
                    + Pattern.quote(label)
                    + "[^}]*\\} (\\S+)$")
            .matcher(body);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  public static String scrape(int metricsPort) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
