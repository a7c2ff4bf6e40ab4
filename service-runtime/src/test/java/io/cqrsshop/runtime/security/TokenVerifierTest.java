package io.cqrsshop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.testing.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
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
    String unsigned = new com.nimbusds.jwt.PlainJWT(claims().build()).serialize();

    assertThat(reason(verifier().verify("not.a.jwt"))).isEqualTo(TokenVerifier.TOKEN_MALFORMED);
    assertThat(reason(verifier().verify(unsigned)))
        .isIn(TokenVerifier.TOKEN_SIGNATURE_INVALID, TokenVerifier.TOKEN_MALFORMED);
  }

  @Test
  void verify_jwksEndpointDown_keepsVerifyingWithTheCachedKey() throws Exception {
    TestTokens.JwksEndpoint jwks = issuer.serveJwks();
    TokenVerifier verifier =
        new TokenVerifier(
            new AuthSettings(
                Optional.of(jwks.url()),
                Optional.empty(),
                TestTokens.ISSUER,
                TestTokens.AUDIENCE,
                Duration.ofSeconds(60),
                "open"));
    assertThat(verifier.verify(issuer.token("ada", "s"))).isInstanceOf(Outcome.Success.class);

    jwks.close();

    assertThat(verifier.verify(issuer.token("ada", "s"))).isInstanceOf(Outcome.Success.class);
    Outcome<Caller> unknownKey = verifier.verify(TestTokens.newIssuer().token("bob", "s"));
    assertThat(unknownKey).isInstanceOf(Outcome.Rejected.class);
  }

  private TokenVerifier verifier() throws Exception {
    return new TokenVerifier(
        new AuthSettings(
            Optional.empty(),
            Optional.of(issuer.writePublicKey(directory.resolve("idp.pem"))),
            TestTokens.ISSUER,
            TestTokens.AUDIENCE,
            Duration.ofSeconds(60),
            "open"));
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
