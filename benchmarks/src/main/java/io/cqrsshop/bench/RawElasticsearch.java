package io.cqrsshop.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The harness's own HTTP connections to Elasticsearch, for the raw baselines: requests go out with
 * the headers the Elasticsearch Java client sends (its compatibility media type) on kept-alive
 * connections, answers are read whole and only checked for success. Any failure stops the run: a
 * baseline that cannot be measured is no baseline.
 */
final class RawElasticsearch implements AutoCloseable {

  static final String JSON = "application/vnd.elasticsearch+json; compatible-with=8";
  static final String NDJSON = "application/vnd.elasticsearch+x-ndjson; compatible-with=8";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final PlainHttp http;

  RawElasticsearch(URI base) {
    this.base = base;
    this.http = new PlainHttp(base, TIMEOUT);
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

  /** Closes the kept-alive connections. */
  @Override
  public void close() {
    http.close();
  }

  private byte[] send(ElasticsearchRequests.Request request, String contentType) {
    try {
      PlainHttp.Response response =
          http.send(
              request.method(),
              request.path(),
              contentType,
              request.body().map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(null),
              JSON);
      if (response.status() / 100 != 2) {
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        throw new HarnessException(
            request.method()
                + " "
                + request.path()
                + " answered HTTP "
                + response.status()
                + ": "
                + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
      }
      return response.body();
    } catch (IOException e) {
      throw new HarnessException(
          "cannot reach Elasticsearch at " + base + " (" + request.path() + "): " + e, e);
    }
  }
}
