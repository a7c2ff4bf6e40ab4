package io.cqrsshop.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.subtle.PrfMac;
import com.google.crypto.tink.util.SecretBytes;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opaque page tokens: {@code <payload>.<seal>}, both base64url. The payload is JSON holding the
 * sort values where the page ended; the seal is an HMAC-SHA256 (cut to {@value #SEAL_BYTES} bytes),
 * under a key only the service holds, over the payload and the parameters of the request the token
 * was issued for. A token replayed with other parameters, edited or made up by a client no longer
 * matches its seal and is rejected, instead of silently paging through a different result set or
 * sending Elasticsearch sort values the service never produced. Every replica must seal with the
 * same key, or a token from one is refused by the next.
 *
 * <p>The MAC is Tink's ({@link PrfMac}), whose check compares seals in constant time, so that the
 * time of a refusal does not tell a forger how much of a seal was right.
 */
public final class PageTokens {

  /** Bytes a key must have at least: HMAC-SHA256's full strength. */
  public static final int MIN_KEY_BYTES = 32;

  /** Paging and consistency do not change which results a listing has. */
  private static final List<String> NON_PARAMETERS =
      List.of("page_token", "page_size", "consistency_tokens");

  private static final String AFTER = "after";
  private static final int SEAL_BYTES = 16;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Mac mac;

  private PageTokens(byte[] key) {
    try {
      HmacParameters parameters =
          HmacParameters.builder()
              .setKeySizeBytes(key.length)
              .setTagSizeBytes(SEAL_BYTES)
              .setHashType(HmacParameters.HashType.SHA256)
              .setVariant(HmacParameters.Variant.NO_PREFIX)
              .build();
      this.mac =
          PrfMac.create(
              HmacKey.builder()
                  .setParameters(parameters)
                  .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                  .build());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable HMAC-SHA256 key", e);
    }
  }

  /** Tokens sealed with {@code key}, which every replica shares (see {@link #key}). */
  public static PageTokens sealedWith(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("a key has at least " + MIN_KEY_BYTES + " bytes");
    }
    return new PageTokens(key);
  }

  /** Tokens sealed with a key of this process only: another replica, or a restart, refuses them. */
  public static PageTokens sealedWithRandomKey() {
    return new PageTokens(
        SecretBytes.randomBytes(MIN_KEY_BYTES).toByteArray(InsecureSecretKeyAccess.get()));
  }

  /** The key in {@code base64} (standard alphabet), if it decodes to at least 32 bytes. */
  public static Optional<byte[]> key(String base64) {
    try {
      byte[] key = Base64.getDecoder().decode(base64);
      return key.length >= MIN_KEY_BYTES ? Optional.of(key) : Optional.empty();
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** Identifies a listing: its request message type and every parameter but the paging ones. */
  static String fingerprint(Message request) {
    Message.Builder parameters = request.toBuilder();
    for (String name : NON_PARAMETERS) {
      FieldDescriptor field = request.getDescriptorForType().findFieldByName(name);
      if (field != null) {
        parameters.clearField(field);
      }
    }
    byte[] type = request.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(sha256(type, parameters.build().toByteArray()));
  }

  String encode(PageCursor cursor, String requestFingerprint) {
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(Map.of(AFTER, cursor.values()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return ENCODER.encodeToString(payload)
        + "."
        + ENCODER.encodeToString(seal(payload, requestFingerprint));
  }

  Outcome<PageCursor> decode(String token, String requestFingerprint) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 2) {
      return malformed();
    }
    byte[] payload;
    byte[] seal;
    try {
      payload = DECODER.decode(parts[0]);
      seal = DECODER.decode(parts[1]);
    } catch (IllegalArgumentException notBase64) {
      return malformed();
    }
    if (!sealMatches(seal, payload, requestFingerprint)) {
      return Outcome.rejected(
          Rejection.InvalidInput.of(
              "page_token",
              "was issued for a request with other parameters (or was altered); repeat the"
                  + " request's parameters or start from the first page"));
    }
    try {
      JsonNode after = JSON.readTree(payload).path(AFTER);
      List<Object> values = new ArrayList<>();
      for (JsonNode value : after) {
        values.add(sortValue(value));
      }
      return after.isArray() && !values.isEmpty()
          ? Outcome.success(new PageCursor(values))
          : malformed();
    } catch (IOException | IllegalArgumentException e) {
      return malformed();
    }
  }

  private static Object sortValue(JsonNode value) {
    if (value.isNull()) {
      return null;
    } else if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    } else if (value.isFloatingPointNumber()) {
      return value.doubleValue();
    } else if (value.isBoolean()) {
      return value.booleanValue();
    } else if (value.isTextual()) {
      return value.textValue();
    }
    throw new IllegalArgumentException("not a sort value: " + value);
  }

  private byte[] seal(byte[] payload, String requestFingerprint) {
    try {
      return mac.computeMac(sealed(payload, requestFingerprint));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed", e);
    }
  }

  private boolean sealMatches(byte[] seal, byte[] payload, String requestFingerprint) {
    try {
      mac.verifyMac(seal, sealed(payload, requestFingerprint));
      return true;
    } catch (GeneralSecurityException wrongSeal) {
      return false;
    }
  }

  /** What a seal covers: the fingerprint, then the payload. */
  private static byte[] sealed(byte[] payload, String requestFingerprint) {
    return concat(requestFingerprint.getBytes(StandardCharsets.UTF_8), payload);
  }

  private static Outcome<PageCursor> malformed() {
    return Outcome.rejected(
        Rejection.InvalidInput.of(
            "page_token", "is malformed; use a next_page_token exactly as returned"));
  }

  private static byte[] sha256(byte[] first, byte[] second) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(concat(first, second));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The two parts with a zero byte between, so that moving bytes from one to the other shows. */
  private static byte[] concat(byte[] first, byte[] second) {
    byte[] joined = new byte[first.length + 1 + second.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length + 1, second.length);
    return joined;
  }
}
