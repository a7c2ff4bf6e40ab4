package io.cqrsshop.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * An identity provider made by a test: a signing key, its public half as PEM or JWKS, and signed
 * tokens with the claims a test chooses.
 */
public final class TestTokens {

  public static final String ISSUER = "https://idp.test.example";
  public static final String AUDIENCE = "cqrs-shop";

  /** The header {@code typ} of access tokens (RFC 9068), all the services accept by default. */
  public static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

  private final RSAKey key;

  private TestTokens(RSAKey key) {
    this.key = key;
  }

  public static TestTokens newIssuer() {
    try {
      return new TestTokens(
          new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token for {@code subject} with these scopes, valid for the next hour. */
  public String token(String subject, String... scopes) {
    return token(
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .claim("scope", String.join(" ", scopes))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
            .build());
  }

  /** An access token with exactly these claims. */
  public String token(JWTClaimsSet claims) {
    return token(ACCESS_TOKEN, claims);
  }

  /**
   * A token of another kind, such as an ID token ({@code typ} {@link JOSEObjectType#JWT}), or
   * without {@code typ} when {@code type} is null.
   */
  public String token(JOSEObjectType type, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(key.getKeyID()).build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Serves {@link #jwks()} over HTTP on a free port, as an identity provider does, until closed.
   */
  public JwksEndpoint serveJwks() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/jwks",
          exchange -> {
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return new JwksEndpoint(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running JWKS endpoint. */
  public static final class JwksEndpoint implements AutoCloseable {

    private final HttpServer server;

    private JwksEndpoint(HttpServer server) {
      this.server = server;
    }

    public URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** The public key as a JWKS document. */
  public String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** Writes the public key as PEM; returns the file. */
  public Path writePublicKey(Path file) {
    try {
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(key.toRSAPublicKey().getEncoded())
              + "\n-----END PUBLIC KEY-----\n";
      Files.writeString(file, pem);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
