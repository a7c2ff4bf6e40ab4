package io.cqrsshop.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.instrumentation.Instrumentation;
import co.elastic.clients.transport.instrumentation.NoopInstrumentation;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.cqrsshop.runtime.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
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
    return create(connection, OpenTelemetry.noop());
  }

  /** With a span for each request made inside a traced call, when tracing is on. */
  public static ElasticsearchClient create(
      ElasticsearchConnection connection, OpenTelemetry openTelemetry) {
    RestClientBuilder builder =
        RestClient.builder(HttpHost.create(connection.url()))
            .setRequestConfigCallback(
                config -> config.setConnectTimeout(2_000).setSocketTimeout(30_000));
    javax.net.ssl.SSLContext tls =
        connection.caFile().map(ElasticsearchClients::trusting).orElse(null);
    builder.setHttpClientConfigCallback(
        http -> {
          if (tls != null) {
            http.setSSLContext(tls);
          }
          connection
              .username()
              .ifPresent(
                  user -> {
                    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                    credentials.setCredentials(
                        AuthScope.ANY,
                        new UsernamePasswordCredentials(user, connection.password().value()));
                    http.setDefaultCredentialsProvider(credentials);
                  });
          return http;
        });
    if (!connection.apiKey().value().isEmpty()) {
      builder.setDefaultHeaders(
          new org.apache.http.Header[] {
            new org.apache.http.message.BasicHeader(
                "Authorization", "ApiKey " + connection.apiKey().value())
          });
    }
    // Explicitly no-op when off: by default the client would look up (and fix) the global instance.
    Instrumentation instrumentation =
        Tracing.isOn(openTelemetry)
            ? new TracedRequests(openTelemetry)
            : NoopInstrumentation.INSTANCE;
    return new ElasticsearchClient(
        new RestClientTransport(
            builder.build(),
            new JacksonJsonpMapper(ReadModelJson.objectMapper()),
            null,
            instrumentation));
  }

  private static javax.net.ssl.SSLContext trusting(java.nio.file.Path ca) {
    try {
      return io.cqrsshop.runtime.security.TrustedCa.sslContext(ca);
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the Elasticsearch CA " + ca, e);
    }
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
