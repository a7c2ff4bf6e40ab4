package io.cqrsshop.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;

/**
 * A real Elasticsearch node for integration tests. Tests share the node and isolate themselves with
 * an index prefix of their own ({@link #uniquePrefix()}), removed by {@link
 * #deleteIndices(String)}.
 */
public final class TestElasticsearch {

  private static String url;

  private TestElasticsearch() {}

  /** Base URL such as {@code http://127.0.0.1:59200}. */
  public static synchronized String url() {
    if (url == null) {
      url = locate();
    }
    return url;
  }

  /** A fresh prefix for index and alias names, lower case as Elasticsearch requires. */
  public static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "-";
  }

  /** Deletes every index whose name starts with {@code prefix}. */
  public static void deleteIndices(String prefix) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + "/" + prefix + "*?expand_wildcards=all"))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300 && response.statusCode() != 404) {
        throw new IllegalStateException("cannot delete test indices: " + response.body());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot delete test indices " + prefix + "*", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String locate() {
    var configured = TestInfrastructure.env(TestInfrastructure.ELASTICSEARCH_URL);
    if (configured.isPresent()) {
      return configured.get();
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      var container =
          new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:8.19.7")
              .withEnv("xpack.security.enabled", "false")
              .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
      container.start();
      return "http://" + container.getHttpHostAddress();
    }
    throw TestInfrastructure.missing("Elasticsearch", TestInfrastructure.ELASTICSEARCH_URL);
  }
}
