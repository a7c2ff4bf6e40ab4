package io.cqrsshop.runtime.security;

import io.cqrsshop.runtime.config.EnvReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a service authenticates its callers: OAuth 2.0 / OIDC bearer tokens (JWT) checked against a
 * JWKS URL or a public key file, for one issuer and audience. Off when neither key source is set
 * (local development); then every call is anonymous.
 *
 * @param acceptedTokenTypes the header {@code typ} values a token may carry, lower case ({@code
 *     AUTH_ACCEPTED_TOKEN_TYPES}, comma-separated, default {@code at+jwt}): access tokens only, as
 *     RFC 9068 marks them, so that an ID token of the same issuer and audience is not taken for
 *     one. A value without a slash also accepts its {@code application/} form. For an identity
 *     provider that still marks its access tokens {@code JWT}, set {@code at+jwt,JWT} (it then
 *     accepts its ID tokens too, if they name this audience); {@code none} accepts a token without
 *     {@code typ}
 * @param reflection who may use server reflection while authentication is on: {@code open} (no
 *     token), {@code admin} (the admin scope) or {@code off} (not served)
 */
public record AuthSettings(
    Optional<URI> jwksUrl,
    Optional<Path> publicKeyFile,
    String issuer,
    String audience,
    Duration clockSkew,
    Set<String> acceptedTokenTypes,
    String reflection) {

  /** The scope of server reflection when {@code REFLECTION=admin}. */
  public static final String SCOPE_ADMIN = "cqrsshop.admin";

  /** The {@code typ} of access tokens (RFC 9068), the only one accepted unless configured. */
  public static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt");

  /** The entry of {@link #acceptedTokenTypes} that accepts a token without {@code typ}. */
  public static final String NO_TYPE = "none";

  /** A media type as {@code typ} holds it (RFC 7515, 4.1.9), with or without "application/". */
  private static final String TOKEN_TYPE = "[a-z0-9!#$&^_.+-]+(/[a-z0-9!#$&^_.+-]+)?";

  public static AuthSettings off() {
    return new AuthSettings(
        Optional.empty(),
        Optional.empty(),
        "",
        "",
        Duration.ofSeconds(60),
        ACCESS_TOKEN_TYPES,
        "open");
  }

  public boolean enabled() {
    return jwksUrl.isPresent() || publicKeyFile.isPresent();
  }

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

  /**
   * Reads {@code AUTH_*} and {@code REFLECTION} (with the service's prefix); reports bad values to
   * {@code env}.
   */
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
            tokenTypes(
                env.string("AUTH_ACCEPTED_TOKEN_TYPES", String.join(",", ACCESS_TOKEN_TYPES))),
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
    if (settings.acceptedTokenTypes.isEmpty()
        || !settings.acceptedTokenTypes.stream().allMatch(type -> type.matches(TOKEN_TYPE))) {
      env.problem(
          prefix
              + "AUTH_ACCEPTED_TOKEN_TYPES must be token types (typ) such as at+jwt or JWT, or"
              + " none, comma-separated");
    }
    if (!settings.reflection.matches("open|admin|off")) {
      env.problem(prefix + "REFLECTION must be open, admin or off");
    } else if (settings.reflection.equals("admin") && !settings.enabled()) {
      env.problem(prefix + "REFLECTION=admin needs authentication (" + prefix + "AUTH_*)");
    }
    return settings;
  }

  /** Lower case, as {@code typ} is compared without regard to case. */
  private static Set<String> tokenTypes(String list) {
    return Arrays.stream(list.split(","))
        .map(type -> type.trim().toLowerCase(Locale.ROOT))
        .filter(type -> !type.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
