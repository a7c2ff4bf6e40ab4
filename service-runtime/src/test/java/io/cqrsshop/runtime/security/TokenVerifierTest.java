package io.cqrsshop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.cqrsshop.runtime.config.ConfigException;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.testing.TestTokens;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

  private final TestTokens issuer = TestTokens.newIssuer();
  @TempDir Path directory;

  @Test
  void verify_goodToken_givesTheSubjectAndItsScopes() throws Exception {
    Outcome<Caller> caller =
        verifier().verify(issuer.token("ada", "cqrsshop.commands cqrsshop.queries"));

    assertThat(caller)
        .isEqualTo(
            Outcome.success(
                new Caller("ada", java.util.Set.of("cqrsshop.commands", "cqrsshop.queries"))));
  }

  @Test
  void verify_expiredBeyondTheSkew_isTokenExpired() throws Exception {
    String expired =
        issuer.token(claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build());

    assertThat(reason(verifier().verify(expired))).isEqualTo(TokenVerifier.TOKEN_EXPIRED);
  }

  @Test
  void verify_expiredWithinTheSkew_isStillGood() throws Exception {
    String justExpired =
        issuer.token(claims().expirationTime(Date.from(Instant.now().minusSeconds(20))).build());

    assertThat(verifier().verify(justExpired)).isInstanceOf(Outcome.Success.class);
  }

  @Test
  void verify_notYetValid_isClaimsInvalid() throws Exception {
    String early =
        issuer.token(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());

    assertThat(reason(verifier().verify(early))).isEqualTo(TokenVerifier.TOKEN_CLAIMS_INVALID);
  }

  @Test
  void verify_otherIssuerOrAudience_isClaimsInvalid() throws Exception {
    String otherIssuer = issuer.token(claims().issuer("https://evil.example").build());
    String otherAudience = issuer.token(claims().audience("another-service").build());

    assertThat(reason(verifier().verify(otherIssuer)))
        .isEqualTo(TokenVerifier.TOKEN_CLAIMS_INVALID);
    assertThat(reason(verifier().verify(otherAudience)))
        .isEqualTo(TokenVerifier.TOKEN_CLAIMS_INVALID);
  }

  @Test
  void verify_signedByAnotherKey_isSignatureInvalid() throws Exception {
    String forged = TestTokens.newIssuer().token("mallory", "cqrsshop.commands");

    assertThat(reason(verifier().verify(forged))).isEqualTo(TokenVerifier.TOKEN_SIGNATURE_INVALID);
  }

  @Test
  void verify_unsignedOrGarbage_isRefused() throws Exception {
    // Typed as an access token, so that it is refused for want of a signature.
    String unsigned =
        new com.nimbusds.jwt.PlainJWT(
                new PlainHeader.Builder().type(TestTokens.ACCESS_TOKEN).build(), claims().build())
            .serialize();

    assertThat(reason(verifier().verify("not.a.jwt"))).isEqualTo(TokenVerifier.TOKEN_MALFORMED);
    assertThat(reason(verifier().verify(unsigned)))
        .isIn(TokenVerifier.TOKEN_SIGNATURE_INVALID, TokenVerifier.TOKEN_MALFORMED);
  }

  @Test
  void verify_idTokenOfTheSameIssuerAndAudience_isTokenTypeInvalid() throws Exception {
    String idToken = issuer.token(JOSEObjectType.JWT, claims().build());

    assertThat(reason(verifier().verify(idToken))).isEqualTo(TokenVerifier.TOKEN_TYPE_INVALID);
  }

  @Test
  void verify_accessTokenTypeInAnyCaseOrAsAMediaType_isGood() throws Exception {
    TokenVerifier verifier = verifier();

    for (String type : java.util.List.of("at+jwt", "AT+JWT", "application/at+jwt")) {
      assertThat(verifier.verify(issuer.token(new JOSEObjectType(type), claims().build())))
          .as(type)
          .isInstanceOf(Outcome.Success.class);
    }
  }

  @Test
  void verify_withoutType_isTokenTypeInvalid() throws Exception {
    String untyped = issuer.token(null, claims().build());

    assertThat(reason(verifier().verify(untyped))).isEqualTo(TokenVerifier.TOKEN_TYPE_INVALID);
  }

  @Test
  void verify_typeJwtWhereTheSettingAcceptsIt_isGood() throws Exception {
    TokenVerifier verifier = verifier(Map.of("TEST_AUTH_ACCEPTED_TOKEN_TYPES", "at+jwt, JWT"));

    assertThat(verifier.verify(issuer.token(JOSEObjectType.JWT, claims().build())))
        .isInstanceOf(Outcome.Success.class);
    assertThat(verifier.verify(issuer.token(claims().build()))).isInstanceOf(Outcome.Success.class);
    assertThat(reason(verifier.verify(issuer.token(null, claims().build()))))
        .isEqualTo(TokenVerifier.TOKEN_TYPE_INVALID);
  }

  @Test
  void verify_withoutTypeWhereTheSettingSaysNone_isGood() throws Exception {
    TokenVerifier verifier = verifier(Map.of("TEST_AUTH_ACCEPTED_TOKEN_TYPES", "at+jwt,none"));

    assertThat(verifier.verify(issuer.token(null, claims().build())))
        .isInstanceOf(Outcome.Success.class);
    assertThat(reason(verifier.verify(issuer.token(JOSEObjectType.JWT, claims().build()))))
        .isEqualTo(TokenVerifier.TOKEN_TYPE_INVALID);
  }

  @Test
  void acceptedTokenTypes_defaultAndBadValues() {
    assertThat(settings(Map.of()).acceptedTokenTypes()).containsExactly("at+jwt");
    assertThatThrownBy(() -> settings(Map.of("TEST_AUTH_ACCEPTED_TOKEN_TYPES", ",")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TEST_AUTH_ACCEPTED_TOKEN_TYPES");
    assertThatThrownBy(() -> settings(Map.of("TEST_AUTH_ACCEPTED_TOKEN_TYPES", "at+jwt JWT")))
        .hasMessageContaining("TEST_AUTH_ACCEPTED_TOKEN_TYPES");
  }

  @Test
  void verify_unknownKeyIdAgainAndAgain_staysUnauthenticatedPastTheRefreshRateLimit()
      throws Exception {
    try (TestTokens.JwksEndpoint jwks = issuer.serveJwks()) {
      TokenVerifier verifier = TestAuth.jwksVerifier(jwks.url());
      String stranger = TestTokens.newIssuer().token("mallory", "s");

      // The first unknown key id refreshes the keys; the next ones come within the rate limit.
      for (int i = 0; i < 3; i++) {
        assertThat(reason(verifier.verify(stranger)))
            .as("attempt %d", i + 1)
            .isEqualTo(TokenVerifier.TOKEN_SIGNATURE_INVALID);
      }
    }
  }

  @Test
  void jwksUrl_plainHttp_onlyToALoopbackAddress() {
    assertThat(AuthSettings.trustedTransport("https://idp.example/jwks.json")).isTrue();
    assertThat(AuthSettings.trustedTransport("http://127.0.0.1:8080/jwks.json")).isTrue();
    assertThat(AuthSettings.trustedTransport("http://localhost/jwks.json")).isTrue();
    assertThat(AuthSettings.trustedTransport("http://idp.example/jwks.json")).isFalse();
    assertThat(AuthSettings.trustedTransport("http://10.0.0.1/jwks.json")).isFalse();
    assertThat(AuthSettings.trustedTransport("ftp://idp.example/jwks.json")).isFalse();
    assertThat(AuthSettings.trustedTransport("https:///no-host")).isFalse();
    assertThat(AuthSettings.trustedTransport("not a url")).isFalse();
  }

  @Test
  void verify_jwksEndpointDown_keepsVerifyingWithTheCachedKey() throws Exception {
    TestTokens.JwksEndpoint jwks = issuer.serveJwks();
    TokenVerifier verifier = TestAuth.jwksVerifier(jwks.url());
    assertThat(verifier.verify(issuer.token("ada", "s"))).isInstanceOf(Outcome.Success.class);

    jwks.close();

    assertThat(verifier.verify(issuer.token("ada", "s"))).isInstanceOf(Outcome.Success.class);
    Outcome<Caller> unknownKey = verifier.verify(TestTokens.newIssuer().token("bob", "s"));
    assertThat(unknownKey).isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void publicKey_rsaAndEcPemFiles_areReadByTheJdkAlone() throws Exception {
    // The JDK, not Nimbus's PEM parser: that one needs BouncyCastle, which the services lack.
    var ec = java.security.KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    var ecKey = ec.generateKeyPair().getPublic();
    Path ecFile = directory.resolve("ec.pem");
    java.nio.file.Files.writeString(
        ecFile,
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(ecKey.getEncoded())
            + "\n-----END PUBLIC KEY-----\n");

    assertThat(TokenVerifier.publicKey(ecFile)).isEqualTo(ecKey);
    assertThat(TokenVerifier.publicKey(issuer.writePublicKey(directory.resolve("rsa.pem"))))
        .isInstanceOf(java.security.interfaces.RSAPublicKey.class);
    java.nio.file.Files.writeString(directory.resolve("junk.pem"), "not a key");
    assertThatThrownBy(() -> TokenVerifier.publicKey(directory.resolve("junk.pem")))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("no PEM public key");
  }

  private TokenVerifier verifier() throws Exception {
    return TestAuth.verifier(issuer, directory.resolve("idp.pem"), "open");
  }

  /** A verifier configured as a service is, from {@code TEST_}-prefixed variables. */
  private TokenVerifier verifier(Map<String, String> env) throws Exception {
    return new TokenVerifier(settings(env));
  }

  private AuthSettings settings(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(
        "TEST_AUTH_PUBLIC_KEY_FILE",
        issuer.writePublicKey(directory.resolve("idp.pem")).toString());
    all.put("TEST_AUTH_ISSUER", TestTokens.ISSUER);
    all.put("TEST_AUTH_AUDIENCE", TestTokens.AUDIENCE);
    return EnvReader.parse("TEST_", all, AuthSettings::read);
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .subject("ada")
        .issuer(TestTokens.ISSUER)
        .audience(TestTokens.AUDIENCE)
        .expirationTime(Date.from(Instant.now().plusSeconds(600)));
  }

  private static String reason(Outcome<Caller> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Rejection rejection = ((Outcome.Rejected<Caller>) outcome).rejection();
    assertThat(rejection).isInstanceOf(Rejection.Unauthenticated.class);
    return ((Rejection.Unauthenticated) rejection).reason();
  }
}
