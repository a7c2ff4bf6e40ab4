package io.cqrsshop.runtime.security;

import io.cqrsshop.testing.TestTokens;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The settings, verifier and headers the security tests share: those of a {@link TestTokens}. */
final class TestAuth {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private TestAuth() {}

  /**
   * Trusts the issuer's public key, written to {@code keyFile}; {@code reflection} as configured.
   */
  static TokenVerifier verifier(TestTokens issuer, Path keyFile, String reflection)
      throws IOException {
    return new TokenVerifier(
        settings(Optional.empty(), Optional.of(issuer.writePublicKey(keyFile)), reflection));
  }

  /** Trusts the keys the JWKS endpoint at {@code url} serves. */
  static TokenVerifier jwksVerifier(URI url) throws IOException {
    return new TokenVerifier(settings(Optional.of(url), Optional.empty(), "open"));
  }

  private static AuthSettings settings(
      Optional<URI> jwksUrl, Optional<Path> publicKeyFile, String reflection) {
    return new AuthSettings(
        jwksUrl,
        publicKeyFile,
        TestTokens.ISSUER,
        TestTokens.AUDIENCE,
        Duration.ofSeconds(60),
        AuthSettings.ACCESS_TOKEN_TYPES,
        reflection);
  }

  /** The channel with this {@code authorization} header on every call; none when it is null. */
  static Channel authorized(Channel channel, String authorization) {
    Metadata headers = new Metadata();
    if (authorization != null) {
      headers.put(AUTHORIZATION, authorization);
    }
    return ClientInterceptors.intercept(
        channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** The channel with {@code token} as its bearer token. */
  static Channel bearer(Channel channel, String token) {
    return authorized(channel, "Bearer " + token);
  }
}
