package io.cqrsshop.runtime.nats;

import static org.awaitility.Awaitility.await;

import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.TestCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nats-server that requires TLS and a user: the connector verifies it and logs in. */
class NatsCredentialsIT {

  @TempDir Path directory;
  private final TestCertificates authority = TestCertificates.authority("nats test CA");
  private NatsServerProcess nats;
  private Path ca;

  @BeforeEach
  void startSecuredNats() {
    authority.issue("nats").writeTo(directory, "nats");
    ca = authority.writeCertificate(directory.resolve("ca.crt"));
    nats =
        NatsServerProcess.start(
            List.of(
                "--tls",
                "--tlscert",
                directory.resolve("nats.crt").toString(),
                "--tlskey",
                directory.resolve("nats.key").toString(),
                "--user",
                "relay",
                "--pass",
                "s3cret"));
  }

  @AfterEach
  void stopNats() {
    nats.close();
  }

  @Test
  void tlsVerifiedAgainstTheCa_andTheRightUser_connects() throws Exception {
    try (NatsConnector connector =
        connect(
            new NatsCredentials(
                Optional.of(ca), "relay", new Secret("s3cret"), Optional.empty()))) {
      await().atMost(Duration.ofSeconds(15)).until(connector::isConnected);
    }
  }

  @Test
  void wrongPasswordOrUntrustedServer_neverConnects() throws Exception {
    Path otherCa =
        TestCertificates.authority("someone else").writeCertificate(directory.resolve("other.crt"));
    try (NatsConnector wrongPassword =
            connect(
                new NatsCredentials(
                    Optional.of(ca), "relay", new Secret("guess"), Optional.empty()));
        NatsConnector untrusted =
            connect(
                new NatsCredentials(
                    Optional.of(otherCa), "relay", new Secret("s3cret"), Optional.empty()))) {
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !wrongPassword.isConnected() && !untrusted.isConnected());
    }
  }

  private NatsConnector connect(NatsCredentials credentials) {
    return NatsConnector.start(
        NatsConnector.Settings.of("tls://127.0.0.1:" + nats.port(), "test").with(credentials),
        new SimpleMeterRegistry());
  }
}
