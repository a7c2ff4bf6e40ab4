package io.cqrsshop.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.instrumentation.Instrumentation;
import co.elastic.clients.transport.instrumentation.NoopInstrumentation;
import io.cqrsshop.runtime.security.TrustedCa;
import io.cqrsshop.runtime.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** Builds the Elasticsearch client that projector, query-service and admin use. */
public final class ElasticsearchClients {

  /** Enough for the projector's few threads and the operator tool. */
  public static final int DEFAULT_MAX_CONNECTIONS = 8;

  private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);
  private static final Timeout SOCKET_TIMEOUT = Timeout.ofSeconds(30);

  /** How long a request waits for a pooled connection when all are busy. */
  private static final Timeout POOL_TIMEOUT = Timeout.ofSeconds(10);

  /** A connection idle for longer is checked before it is used: the server may have closed it. */
  private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);

  private ElasticsearchClients() {}

  public static ElasticsearchClient create(ElasticsearchConnection connection) {
    return create(connection, DEFAULT_MAX_CONNECTIONS, OpenTelemetry.noop());
  }

  /** With a span for each request made inside a traced call, when tracing is on. */
  public static ElasticsearchClient create(
      ElasticsearchConnection connection, OpenTelemetry openTelemetry) {
    return create(connection, DEFAULT_MAX_CONNECTIONS, openTelemetry);
  }

  /**
   * A client whose pool holds up to {@code maxConnections} keep-alive connections: as many requests
   * run at once, further ones wait for a free connection.
   */
  public static ElasticsearchClient create(
      ElasticsearchConnection connection, int maxConnections, OpenTelemetry openTelemetry) {
    URI url = URI.create(connection.url());
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    HttpHost host =
        new HttpHost(
            url.getScheme(), url.getHost(), url.getPort() >= 0 ? url.getPort() : https ? 443 : 80);
    PoolingHttpClientConnectionManagerBuilder pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(CONNECT_TIMEOUT)
                    .setSocketTimeout(SOCKET_TIMEOUT)
                    .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                    .build());
    connection
        .caFile()
        .ifPresent(ca -> pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(trusting(ca))));
    CloseableHttpClient http =
        HttpClients.custom()
            .setConnectionManager(pool.build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setConnectionRequestTimeout(POOL_TIMEOUT).build())
            .setDefaultHeaders(authorization(connection))
            // The Elasticsearch client decides about errors itself; a request is never resent
            // behind its back, nor a response body compressed.
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .build();
    String basePath = url.getRawPath() == null ? "" : url.getRawPath();
    // Explicitly no-op when off: by default the client would look up (and fix) the global instance.
    Instrumentation instrumentation =
        Tracing.isOn(openTelemetry)
            ? new TracedRequests(openTelemetry)
            : NoopInstrumentation.INSTANCE;
    return new ElasticsearchClient(
        new ElasticsearchTransportBase(
            new ClassicHttpClientTransport(http, host, basePath),
            null,
            new JacksonJsonpMapper(ReadModelJson.objectMapper()),
            instrumentation) {});
  }

  /** Credentials sent with every request, as Elasticsearch expects them (no challenge first). */
  private static List<Header> authorization(ElasticsearchConnection connection) {
    List<Header> headers = new ArrayList<>();
    if (!connection.apiKey().value().isEmpty()) {
      headers.add(new BasicHeader("Authorization", "ApiKey " + connection.apiKey().value()));
    } else {
      connection
          .username()
          .ifPresent(
              user ->
                  headers.add(
                      new BasicHeader(
                          "Authorization",
                          "Basic "
                              + Base64.getEncoder()
                                  .encodeToString(
                                      (user + ":" + connection.password().value())
                                          .getBytes(StandardCharsets.UTF_8)))));
    }
    return headers;
  }

  private static SSLContext trusting(Path ca) {
    try {
      return TrustedCa.sslContext(ca);
    } catch (IOException | GeneralSecurityException e) {
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
