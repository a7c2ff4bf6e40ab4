package io.cqrsshop.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the Elasticsearch client that projector and query-service use. */
public final class ElasticsearchClients {

  private ElasticsearchClients() {}

  public static ElasticsearchClient create(ElasticsearchConnection connection) {
    RestClientBuilder builder =
        RestClient.builder(HttpHost.create(connection.url()))
            .setRequestConfigCallback(
                config -> config.setConnectTimeout(2_000).setSocketTimeout(30_000));
    connection
        .username()
        .ifPresent(
            user -> {
              BasicCredentialsProvider credentials = new BasicCredentialsProvider();
              credentials.setCredentials(
                  AuthScope.ANY, new UsernamePasswordCredentials(user, connection.password()));
              builder.setHttpClientConfigCallback(
                  http -> http.setDefaultCredentialsProvider(credentials));
            });
    return new ElasticsearchClient(
        new RestClientTransport(
            builder.build(), new JacksonJsonpMapper(ReadModelJson.objectMapper())));
  }

  /**
   * Throws unless the cluster answers and is not red. Uses cluster health, not {@code GET /}: the
   * root endpoint is absent in some distributions and says nothing about the data.
   */
  public static void checkHealthy(ElasticsearchClient client) throws IOException {
    HealthStatus status = client.cluster().health(h -> h.timeout(t -> t.time("2s"))).status();
    if (status == HealthStatus.Red) {
      throw new IOException("cluster health is red");
    }
  }
}
