package io.cqrsshop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The harness's own HTTP connection to Elasticsearch, for the raw baselines: requests go out with
 * the headers the Elasticsearch Java client sends (its compatibility media type), answers are read
 * whole and only checked for success. Any failure stops the run: a baseline that cannot be measured
 * is no baseline.
 */
final class RawElasticsearch {

  static final String JSON = "application/vnd.elasticsearch+json; compatible-with=8";
  static final String NDJSON = "application/vnd.elasticsearch+x-ndjson; compatible-with=8";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  // HTTP/1.1 like the services' client; it keeps one pooled connection per concurrent caller.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  RawElasticsearch(URI base) {
    this.base = base;
  }

  /** Sends the request and returns the answer's body; throws unless it succeeded. */
  String send(ElasticsearchRequests.Request request) {
    return new String(send(request, JSON), StandardCharsets.UTF_8);
  }

  /** Sends the request, timing it in {@code stats} under {@code name}. */
  void timed(StatsBook stats, String name, ElasticsearchRequests.Request request) {
    long start = System.nanoTime();
    send(request, JSON);
    stats.of(name).record(System.nanoTime() - start, CallOutcome.OK);
  }

  /** Sends a body of newline-delimited JSON ({@code _bulk}) and returns the answer. */
  String sendNdjson(String path, String body) {
    return new String(
        send(new ElasticsearchRequests.Request("POST", path, java.util.Optional.of(body)), NDJSON),
        StandardCharsets.UTF_8);
  }

  private byte[] send(ElasticsearchRequests.Request request, String contentType) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(request.path()))
            .timeout(TIMEOUT)
            .header("Accept", JSON);
    if (request.body().isPresent()) {
      builder
          .header("Content-Type", contentType)
          .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body().get()));
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        throw new HarnessException(
            request.method()
                + " "
                + request.path()
                + " answered HTTP "
                + response.statusCode()
                + ": "
                + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
      }
      return response.body();
    } catch (IOException e) {
      throw new HarnessException(
          "cannot reach Elasticsearch at " + base + " (" + request.path() + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while calling Elasticsearch", e);
    }
  }
}
