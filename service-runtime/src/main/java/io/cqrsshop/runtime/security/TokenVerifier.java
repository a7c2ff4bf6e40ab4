package io.cqrsshop.runtime.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies bearer tokens (signed JWTs): the header's {@code typ} (access tokens only, RFC 9068,
 * unless configured otherwise), signature against the configured keys, issuer, audience, expiry and
 * not-before within a small clock skew. Keys from a JWKS URL are cached and refreshed in the
 * background; while the JWKS endpoint is down, tokens signed by a cached key still verify for up to
 * {@link #OUTAGE_TOLERANCE} (Nimbus's outage-tolerant source), so that a key the identity provider
 * revoked does not stay valid for as long as it is unreachable. A token whose key cannot be fetched
 * fails as UNAVAILABLE rather than UNAUTHENTICATED, since the token may well be good; one whose key
 * id is still unknown after the refreshes the rate limit allows fails as UNAUTHENTICATED, so that
 * clients do not retry tokens no key will ever verify.
 */
public final class TokenVerifier {

  /** ErrorInfo reasons of UNAUTHENTICATED. */
  public static final String TOKEN_MISSING = "TOKEN_MISSING";

  public static final String TOKEN_MALFORMED = "TOKEN_MALFORMED";
  public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
  public static final String TOKEN_SIGNATURE_INVALID = "TOKEN_SIGNATURE_INVALID";
  public static final String TOKEN_CLAIMS_INVALID = "TOKEN_CLAIMS_INVALID";
  public static final String TOKEN_TYPE_INVALID = "TOKEN_TYPE_INVALID";

  /** Signatures with the JDK's own RSA and EC keys; EdDSA would need Google Tink at run time. */
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384);

  /** How long cached keys keep verifying while the JWKS endpoint cannot be reached. */
  static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public TokenVerifier(AuthSettings settings) throws IOException {
    this(
        keySelector(settings),
        settings.acceptedTokenTypes(),
        settings.issuer(),
        settings.audience(),
        settings.clockSkew());
  }

  TokenVerifier(
      JWSKeySelector<SecurityContext> keys,
      Set<String> acceptedTypes,
      String issuer,
      String audience,
      Duration clockSkew) {
    processor.setJWSTypeVerifier(typeVerifier(acceptedTypes));
    processor.setJWSKeySelector(keys);
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) clockSkew.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * Nimbus's check of {@code typ} (case-insensitive), whose refusal is told apart from the other
   * {@link BadJOSEException}s (an unknown key): a client with an ID token needs to hear that it
   * holds the wrong kind of token, not that its signature is bad.
   */
  private static JOSEObjectTypeVerifier<SecurityContext> typeVerifier(Set<String> accepted) {
    Set<JOSEObjectType> types = new HashSet<>();
    for (String type : accepted) {
      if (type.equals(AuthSettings.NO_TYPE)) {
        types.add(null); // Nimbus's mark for a token without typ
      } else {
        types.add(new JOSEObjectType(type));
        // RFC 7515, 4.1.9: "at+jwt" and "application/at+jwt" are the same type.
        if (!type.contains("/")) {
          types.add(new JOSEObjectType("application/" + type));
        }
      }
    }
    DefaultJOSEObjectTypeVerifier<SecurityContext> nimbus =
        new DefaultJOSEObjectTypeVerifier<>(types);
    return (type, context) -> {
      try {
        nimbus.verify(type, context);
      } catch (BadJOSEException e) {
        throw new TypeRefused(e.getMessage());
      }
    };
  }

  /** A token whose {@code typ} is not accepted here. */
  private static final class TypeRefused extends BadJOSEException {
    TypeRefused(String message) {
      super(message);
    }
  }

  /**
   * Keys from the JWKS, matched by the token's key id; or the one configured public key, which
   * verifies whatever key id a token names.
   */
  private static JWSKeySelector<SecurityContext> keySelector(AuthSettings settings)
      throws IOException {
    if (settings.jwksUrl().isPresent()) {
      return new JWSVerificationKeySelector<>(ALGORITHMS, jwks(settings));
    }
    java.security.Key key = publicKey(settings.publicKeyFile().orElseThrow());
    return (header, context) ->
        ALGORITHMS.contains(header.getAlgorithm()) ? List.of(key) : List.of();
  }

  /**
   * An RSA or EC public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, X.509
   * SubjectPublicKeyInfo, as {@code openssl pkey -pubout} writes it), read with the JDK alone.
   */
  static PublicKey publicKey(Path file) throws IOException {
    String pem = Files.readString(file);
    int begin = pem.indexOf(PEM_BEGIN);
    int end = pem.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw new IOException(file + " holds no PEM public key (" + PEM_BEGIN + ")");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " holds a PEM public key that is not valid base64", e);
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (InvalidKeySpecException notThisAlgorithm) {
        // try the next one
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IOException(file + " holds neither an RSA nor an EC public key");
  }

  private static JWKSource<SecurityContext> jwks(AuthSettings settings) throws IOException {
    try {
      return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().get().toURL())
          .cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
          .refreshAheadCache(true)
          .outageTolerant(OUTAGE_TOLERANCE.toMillis())
          .retrying(true)
          .build();
    } catch (MalformedURLException e) {
      throw new IOException("bad JWKS URL " + settings.jwksUrl().get(), e);
    }
  }

  /** The caller the token proves; a rejection saying why not. */
  public Outcome<Caller> verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      return unauthenticated(TOKEN_MALFORMED, "the bearer token is not a JWT");
    } catch (ExpiredJWTException e) {
      return unauthenticated(TOKEN_EXPIRED, "the bearer token has expired");
    } catch (BadJWSException e) {
      return unauthenticated(TOKEN_SIGNATURE_INVALID, "the bearer token's signature is not valid");
    } catch (TypeRefused e) {
      return unauthenticated(
          TOKEN_TYPE_INVALID, "the bearer token is not an access token: " + e.getMessage());
    } catch (BadJWTException e) {
      return unauthenticated(
          TOKEN_CLAIMS_INVALID, "the bearer token is not valid here: " + e.getMessage());
    } catch (BadJOSEException e) {
      // No key matches: signed by an unknown key, or with an algorithm this service refuses.
      return unauthenticated(
          TOKEN_SIGNATURE_INVALID, "the bearer token is not signed by a trusted key");
    } catch (RateLimitReachedException e) {
      // The source refreshed the keys for an unknown key id as often as it may: still unknown.
      return unauthenticated(
          TOKEN_SIGNATURE_INVALID, "the bearer token is not signed by a trusted key");
    } catch (JOSEException e) {
      return Outcome.rejected(
          new Rejection.Unavailable(
              "KEYS_UNAVAILABLE", "cannot fetch the keys to verify the token; retry", Map.of()));
    }
    return Outcome.success(new Caller(claims.getSubject(), scopes(claims)));
  }

  /**
   * Scopes from {@code scope} (space-separated, RFC 8693) or {@code scp} (a list, as some IdPs).
   */
  private static Set<String> scopes(JWTClaimsSet claims) {
    Set<String> scopes = new HashSet<>();
    Object scope = claims.getClaim("scope");
    if (scope instanceof String text) {
      for (String one : text.trim().split("\\s+")) {
        if (!one.isEmpty()) {
          scopes.add(one);
        }
      }
    }
    Object scp = claims.getClaim("scp");
    if (scp instanceof List<?> list) {
      list.forEach(one -> scopes.add(String.valueOf(one)));
    } else if (scp instanceof String text) {
      scopes.add(text);
    }
    return scopes;
  }

  private static Outcome<Caller> unauthenticated(String reason, String message) {
    return Outcome.rejected(new Rejection.Unauthenticated(reason, message));
  }
}
