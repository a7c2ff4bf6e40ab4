package io.cqrsshop.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;

/** Reads one sample from a service's {@code /metrics} endpoint. */
final class MetricsScrape {

  private MetricsScrape() {}

  /** The value of the first sample of {@code name} (labels ignored). */
  static OptionalDouble value(int port, String name) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : body.split("\n")) {
        if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
          return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
      }
      return OptionalDouble.empty();
    } catch (IOException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }
}
