package io.cqrsshop.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client verifies an https Elasticsearch against a CA file and sends its API key: a real TLS
 * handshake with an HTTPS stand-in (the Elasticsearch distribution of the tests runs without
 * security), which answers cluster health only to the right key.
 */
class ElasticsearchTlsTest {

  private static final String HEALTH =
      "{\"cluster_name\":\"test\",\"status\":\"green\",\"timed_out\":false,\"number_of_nodes\":1,"
          + "\"number_of_data_nodes\":1,\"active_primary_shards\":0,\"active_shards\":0,"
          + "\"relocating_shards\":0,\"initializing_shards\":0,\"unassigned_shards\":0,"
          + "\"unassigned_primary_shards\":0,\"delayed_unassigned_shards\":0,"
          + "\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,"
          + "\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":100.0}";

  @TempDir Path directory;
  private final TestCertificates authority = TestCertificates.authority("es test CA");
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private HttpsServer server;

  @BeforeEach
  void startHttpsStandIn() throws Exception {
    TestCertificates.Issued issued = authority.issue("elasticsearch");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "es", issued.key().getPrivate(), new char[0], new Certificate[] {issued.certificate()});
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, new char[0]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(factory.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/_cluster/health",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          boolean allowed = "ApiKey c2VjcmV0".equals(authorization.get());
          byte[] body =
              (allowed
                      ? HEALTH
                      : "{\"error\":{\"type\":\"security_exception\",\"reason\":\"no\"},\"status\":401}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
          exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void httpsVerifiedAgainstTheCa_withTheApiKey_answers() throws Exception {
    ElasticsearchClient client =
        client(authority.writeCertificate(directory.resolve("ca.crt")), "c2VjcmV0");

    ElasticsearchClients.checkHealthy(client);

    assertThat(authorization.get()).isEqualTo("ApiKey c2VjcmV0");
    client._transport().close();
  }

  @Test
  void serverSignedByAnotherCa_isRefusedBeforeAnyRequest() throws Exception {
    Path other =
        TestCertificates.authority("other CA").writeCertificate(directory.resolve("other.crt"));
    ElasticsearchClient client = client(other, "c2VjcmV0");

    assertThatThrownBy(() -> ElasticsearchClients.checkHealthy(client))
        .hasStackTraceContaining("PKIX");
    assertThat(authorization.get()).as("the key never left the client").isNull();
    client._transport().close();
  }

  private ElasticsearchClient client(Path ca, String apiKey) {
    return ElasticsearchClients.create(
        new ElasticsearchConnection(
            "https://localhost:" + server.getAddress().getPort(),
            Optional.empty(),
            new Secret(""),
            Optional.of(ca),
            new Secret(apiKey)));
  }
}
