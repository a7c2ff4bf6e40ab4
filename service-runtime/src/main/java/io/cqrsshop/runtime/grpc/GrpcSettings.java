package io.cqrsshop.runtime.grpc;

import io.cqrsshop.runtime.security.AuthSettings;
import io.cqrsshop.runtime.security.TlsSettings;
import java.time.Duration;

/**
 * Where a service's gRPC server listens and how it is protected.
 *
 * @param port 0 picks a free port (tests)
 * @param shutdownGrace how long in-flight calls may run on at shutdown
 * @param limits what one client may hold of the server
 */
public record GrpcSettings(
    String host,
    int port,
    Duration shutdownGrace,
    TlsSettings tls,
    AuthSettings auth,
    ServerLimits limits) {

  /** Plaintext and open to anyone: for tests. */
  public static GrpcSettings plaintext(String host, int port, Duration shutdownGrace) {
    return new GrpcSettings(
        host, port, shutdownGrace, TlsSettings.off(), AuthSettings.off(), ServerLimits.defaults());
  }

  /** Whether server reflection is served at all (it may still need the admin scope). */
  public boolean servesReflection() {
    return !auth.reflection().equals("off");
  }
}
