package io.cqrsshop.runtime.security;

import io.cqrsshop.runtime.config.EnvReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a service authenticates its callers: OAuth 2.0 / OIDC bearer tokens (JWT) checked against a
 * JWKS URL or a public key file, for one issuer and audience. Off when neither key source is set
 * (local development); then every call is anonymous.
 *
 * @param reflection who may use server reflection while authentication is on: {@code open} (no
 *     token), {@code admin} (the admin scope) or {@code off} (not served)
 */
public record AuthSettings(
    Optional<URI> jwksUrl,
    Optional<Path> publicKeyFile,
    String issuer,
    String audience,
    Duration clockSkew,
    String reflection) {

  /** The scope of server reflection when {@code REFLECTION=admin}. */
  public static final String SCOPE_ADMIN = "cqrsshop.admin";

  public static AuthSettings off() {
    return new AuthSettings(
        Optional.empty(), Optional.empty(), "", "", Duration.ofSeconds(60), "open");
  }

  public boolean enabled() {
    return jwksUrl.isPresent() || publicKeyFile.isPresent();
  }

  /**
   * Reads {@code AUTH_*} and {@code REFLECTION} (with the service's prefix); reports bad values to
   * {@code env}.
   */
  /** https anywhere; plain http only to this machine, where nothing sits on the way. */
  static boolean trustedTransport(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if ("https".equals(uri.getScheme())) {
      return uri.getHost() != null;
    }
    return "http".equals(uri.getScheme())
        && uri.getHost() != null
        && java.util.Set.of("127.0.0.1", "localhost", "[::1]", "::1").contains(uri.getHost());
  }

  public static AuthSettings read(EnvReader env) {
    String prefix = env.prefix();
    String jwks = env.string("AUTH_JWKS_URL", "");
    String keyFile = env.string("AUTH_PUBLIC_KEY_FILE", "");
    AuthSettings settings =
        new AuthSettings(
            jwks.isEmpty() || !trustedTransport(jwks)
                ? Optional.empty()
                : Optional.of(URI.create(jwks)),
            keyFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(keyFile)),
            env.string("AUTH_ISSUER", ""),
            env.string("AUTH_AUDIENCE", ""),
            env.duration("AUTH_CLOCK_SKEW", Duration.ofSeconds(60)),
            env.string("REFLECTION", "open"));
    if (!jwks.isEmpty() && !trustedTransport(jwks)) {
      env.problem(
          prefix
              + "AUTH_JWKS_URL must be an https URL (plain http only to a loopback address, for"
              + " local development): keys fetched over plain http can be swapped on the way");
    }
    if (!jwks.isEmpty() && !keyFile.isEmpty()) {
      env.problem(
          prefix + "AUTH_JWKS_URL and " + prefix + "AUTH_PUBLIC_KEY_FILE exclude each other");
    }
    if (!keyFile.isEmpty() && !Files.isReadable(Path.of(keyFile))) {
      env.problem(prefix + "AUTH_PUBLIC_KEY_FILE is not a readable file: " + keyFile);
    }
    if (settings.enabled() && (settings.issuer.isEmpty() || settings.audience.isEmpty())) {
      env.problem(
          prefix + "AUTH_ISSUER and " + prefix + "AUTH_AUDIENCE are required with authentication");
    }
    if (!settings.reflection.matches("open|admin|off")) {
      env.problem(prefix + "REFLECTION must be open, admin or off");
    } else if (settings.reflection.equals("admin") && !settings.enabled()) {
      env.problem(prefix + "REFLECTION=admin needs authentication (" + prefix + "AUTH_*)");
    }
    return settings;
  }
}
