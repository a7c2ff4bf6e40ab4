package io.cqrsshop.runtime.security;

import io.cqrsshop.runtime.config.EnvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS on a service's gRPC server: a certificate chain and key (PEM files, reloaded when they change
 * on disk, as cert-manager and Kubernetes Secret updates rotate them) and, for mutual TLS, the CA
 * that client certificates must chain to. Off when no certificate is set.
 *
 * @param clientAuth {@code none}, {@code optional} or {@code require} (mutual TLS)
 * @param plaintextHealthPort a plaintext listener that serves only the health service, for
 *     Kubernetes' native gRPC probes, which do not speak TLS; 0 for none
 */
public record TlsSettings(
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<Path> clientCaFile,
    String clientAuth,
    int plaintextHealthPort) {

  public static TlsSettings off() {
    return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), "none", 0);
  }

  public boolean enabled() {
    return certFile.isPresent();
  }

  /** Reads {@code TLS_*} (with the service's prefix); reports bad values to {@code env}. */
  public static TlsSettings read(EnvReader env) {
    String prefix = env.prefix();
    TlsSettings settings =
        new TlsSettings(
            readableFile(env, "TLS_CERT_FILE"),
            readableFile(env, "TLS_KEY_FILE"),
            readableFile(env, "TLS_CLIENT_CA_FILE"),
            env.string("TLS_CLIENT_AUTH", "none"),
            env.integer("TLS_PLAINTEXT_HEALTH_PORT", 0, 0, 65535));
    if (settings.certFile.isPresent() != settings.keyFile.isPresent()) {
      env.problem(prefix + "TLS_CERT_FILE and " + prefix + "TLS_KEY_FILE go together");
    }
    if (!settings.clientAuth.matches("none|optional|require")) {
      env.problem(prefix + "TLS_CLIENT_AUTH must be none, optional or require");
    }
    if (!settings.clientAuth.equals("none") && settings.clientCaFile.isEmpty()) {
      env.problem(prefix + "TLS_CLIENT_CA_FILE is required with " + prefix + "TLS_CLIENT_AUTH");
    }
    if (settings.plaintextHealthPort != 0 && !settings.enabled()) {
      env.problem(
          prefix + "TLS_PLAINTEXT_HEALTH_PORT only applies with " + prefix + "TLS_CERT_FILE");
    }
    return settings;
  }

  private static Optional<Path> readableFile(EnvReader env, String name) {
    String value = env.string(name, "");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!Files.isReadable(Path.of(value))) {
      env.problem(env.prefix() + name + " is not a readable file: " + value);
    }
    return Optional.of(Path.of(value));
  }
}
