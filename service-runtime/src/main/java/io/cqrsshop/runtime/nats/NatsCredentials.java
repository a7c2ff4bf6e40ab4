package io.cqrsshop.runtime.nats;

import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.runtime.security.TrustedCa;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * How a service proves itself to NATS and checks the server: TLS verified against a CA file, and
 * user and password or an NKey credentials file ({@code .creds}, as {@code nsc} writes them).
 */
public record NatsCredentials(
    Optional<Path> caFile, String user, Secret password, Optional<Path> credsFile) {

  public static final NatsCredentials NONE =
      new NatsCredentials(Optional.empty(), "", new Secret(""), Optional.empty());

  /**
   * Reads {@code NATS_TLS_CA_FILE}, {@code _USER}, {@code _PASSWORD}, {@code _CREDS_FILE} (with the
   * service's prefix).
   */
  public static NatsCredentials read(EnvReader env) {
    String prefix = env.prefix();
    String ca = env.string("NATS_TLS_CA_FILE", "");
    String creds = env.string("NATS_CREDS_FILE", "");
    NatsCredentials credentials =
        new NatsCredentials(
            ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)),
            env.string("NATS_USER", ""),
            env.secret("NATS_PASSWORD", ""),
            creds.isEmpty() ? Optional.empty() : Optional.of(Path.of(creds)));
    for (Optional<Path> file : List.of(credentials.caFile, credentials.credsFile)) {
      if (file.isPresent() && !Files.isReadable(file.get())) {
        env.problem(prefix + "NATS file is not readable: " + file.get());
      }
    }
    if (!credentials.user.isEmpty() && credentials.credsFile.isPresent()) {
      env.problem(prefix + "NATS_USER and " + prefix + "NATS_CREDS_FILE exclude each other");
    }
    if (!credentials.user.isEmpty() && credentials.password.value().isEmpty()) {
      env.problem(prefix + "NATS_PASSWORD is required with " + prefix + "NATS_USER");
    }
    return credentials;
  }

  void applyTo(Options.Builder builder) {
    try {
      if (caFile.isPresent()) {
        builder.sslContext(TrustedCa.sslContext(caFile.get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the NATS CA " + caFile.get(), e);
    }
    if (!user.isEmpty()) {
      builder.userInfo(user, password.value());
    }
    credsFile.ifPresent(file -> builder.authHandler(Nats.credentials(file.toString())));
  }
}
