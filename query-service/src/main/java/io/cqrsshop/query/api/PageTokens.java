package io.cqrsshop.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Opaque page tokens: {@code <payload>.<seal>}, both base64url. The payload is JSON holding the
 * sort values where the page ended; the seal is a hash over the payload and the parameters of the
 * request the token was issued for. A token replayed with other parameters (or edited) no longer
 * matches its seal and is rejected, instead of silently paging through a different result set.
 *
 * <p>The seal is not a secret signature: a client that forges a token can only skip ahead in its
 * own results, which it may do anyway.
 */
final class PageTokens {

  /** Paging and consistency do not change which results a listing has. */
  private static final List<String> NON_PARAMETERS =
      List.of("page_token", "page_size", "consistency_tokens");

  private static final String AFTER = "after";
  private static final int SEAL_BYTES = 16;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private PageTokens() {}

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

  static String encode(PageCursor cursor, String requestFingerprint) {
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

  static Outcome<PageCursor> decode(String token, String requestFingerprint) {
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
    if (!MessageDigest.isEqual(seal, seal(payload, requestFingerprint))) {
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

  private static byte[] seal(byte[] payload, String requestFingerprint) {
    byte[] hash = sha256(requestFingerprint.getBytes(StandardCharsets.UTF_8), payload);
    return Arrays.copyOf(hash, SEAL_BYTES);
  }

  private static Outcome<PageCursor> malformed() {
    return Outcome.rejected(
        Rejection.InvalidInput.of(
            "page_token", "is malformed; use a next_page_token exactly as returned"));
  }

  private static byte[] sha256(byte[] first, byte[] second) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(first);
      // Separates the parts, so that moving bytes from one to the other changes the hash.
      digest.update((byte) 0);
      digest.update(second);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
