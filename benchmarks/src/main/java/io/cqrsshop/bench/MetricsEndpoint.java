package io.cqrsshop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One service's Prometheus endpoint, scraped on demand. */
public final class MetricsEndpoint {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final URI uri;

  public MetricsEndpoint(URI uri) {
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }

  public PrometheusText scrape() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new HarnessException(uri + " answered HTTP " + response.statusCode());
      }
      return new PrometheusText(response.body());
    } catch (IOException e) {
      throw new HarnessException("cannot scrape " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while scraping " + uri, e);
    }
  }
}
