package io.cqrsshop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.testing.TestCertificates;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes against a Netty gRPC server, with certificates made by the test. */
class ServerTlsIT {

  private final TestCertificates authority = TestCertificates.authority("cqrs-shop test CA");
  @TempDir Path directory;
  private Server server;
  private ServerTls tls;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.shutdownNow();
    }
    if (tls != null) {
      tls.close();
    }
  }

  @Test
  void tls_refusesPlaintextAndServesTheCertificate() throws Exception {
    authority.issue("server").writeTo(directory, "server");
    int port = start("none");

    assertThat(check(port, trusting())).isEqualTo("SERVING");
    assertThatThrownBy(() -> check(port, InsecureChannelCredentials.create()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void certificateRotatedOnDisk_isServedWithoutARestart() throws Exception {
    BigInteger first = authority.issue("server").writeTo(directory, "server").serial();
    int port = start("none");
    assertThat(authority.servedSerial(port)).isEqualTo(first);

    BigInteger second = authority.issue("server").writeTo(directory, "server").serial();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(authority.servedSerial(port)).isEqualTo(second));
  }

  @Test
  void mutualTls_refusesAClientWithoutATrustedCertificate() throws Exception {
    authority.issue("server").writeTo(directory, "server");
    authority.issue("client").writeTo(directory, "client");
    TestCertificates.authority("another CA").issue("stranger").writeTo(directory, "stranger");
    int port = start("require");

    assertThat(check(port, withClientCertificate("client"))).isEqualTo("SERVING");
    assertThatThrownBy(() -> check(port, trusting())).isInstanceOf(StatusRuntimeException.class);
    assertThatThrownBy(() -> check(port, withClientCertificate("stranger")))
        .isInstanceOf(StatusRuntimeException.class);
  }

  private int start(String clientAuth) throws Exception {
    Path ca = authority.writeCertificate(directory.resolve("ca.crt"));
    tls =
        new ServerTls(
            new TlsSettings(
                Optional.of(directory.resolve("server.crt")),
                Optional.of(directory.resolve("server.key")),
                clientAuth.equals("none") ? Optional.empty() : Optional.of(ca),
                clientAuth,
                0),
            Duration.ofMillis(200));
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), tls.credentials())
            .addService(new HealthStatusManager().getHealthService())
            .build()
            .start();
    return server.getPort();
  }

  private ChannelCredentials trusting() throws Exception {
    return TlsChannelCredentials.newBuilder()
        .trustManager(authority.writeCertificate(directory.resolve("ca.crt")).toFile())
        .build();
  }

  private ChannelCredentials withClientCertificate(String name) throws Exception {
    return TlsChannelCredentials.newBuilder()
        .trustManager(authority.writeCertificate(directory.resolve("ca.crt")).toFile())
        .keyManager(
            directory.resolve(name + ".crt").toFile(), directory.resolve(name + ".key").toFile())
        .build();
  }

  private static String check(int port, ChannelCredentials credentials) {
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance())
          .getStatus()
          .name();
    } finally {
      channel.shutdownNow();
    }
  }
}
