package io.cqrsshop.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page tokens as a client can forge them, over any sort values it likes: with the seal recomputed
 * as an unkeyed hash over the request's other parameters and the payload (what tokens were sealed
 * with before the seal was keyed; query-service must refuse them), or sealed with query-service's
 * own key, as a client that got hold of the key would (the shape checks behind the seal must still
 * hold). Written from the documented format, apart from query-service's code, as an attacker would
 * write it.
 */
final class ForgedPageTokens {

  private static final List<String> NON_PARAMETERS =
      List.of("page_token", "page_size", "consistency_tokens");
  private static final int SEAL_BYTES = 16;
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectMapper JSON = new ObjectMapper();

  private ForgedPageTokens() {}

  /** The request with a page token carrying {@code values}, its seal recomputed without a key. */
  static Message unkeyed(Message request, FieldDescriptor pageToken, List<Object> values) {
    byte[] body = payload(values);
    return request.toBuilder().setField(pageToken, token(body, unkeyedSeal(request, body))).build();
  }

  /** The request with a page token carrying {@code values}, sealed with the service's key. */
  static Message sealedWith(
      byte[] key, Message request, FieldDescriptor pageToken, List<Object> values) {
    byte[] body = payload(values);
    byte[] seal;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      seal = Arrays.copyOf(mac.doFinal(sealed(request, body)), SEAL_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return request.toBuilder().setField(pageToken, token(body, seal)).build();
  }

  /** Whether the request's page token is one {@link #unkeyed} forged for it. */
  static boolean hasUnkeyedSeal(Message request) {
    FieldDescriptor field = request.getDescriptorForType().findFieldByName("page_token");
    if (field == null) {
      return false;
    }
    String[] parts = ((String) request.getField(field)).split("\\.", -1);
    if (parts.length != 2) {
      return false;
    }
    try {
      byte[] body = Base64.getUrlDecoder().decode(parts[0]);
      return parts[1].equals(BASE64.encodeToString(unkeyedSeal(request, body)));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static byte[] payload(List<Object> values) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("after", values);
    try {
      return JSON.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(byte[] body, byte[] seal) {
    return BASE64.encodeToString(body) + "." + BASE64.encodeToString(seal);
  }

  private static byte[] unkeyedSeal(Message request, byte[] body) {
    return Arrays.copyOf(sha256(sealed(request, body)), SEAL_BYTES);
  }

  /** What a seal covers: the request's fingerprint, a zero byte, then the payload. */
  private static byte[] sealed(Message request, byte[] body) {
    return concat(fingerprint(request).getBytes(StandardCharsets.UTF_8), body);
  }

  private static String fingerprint(Message request) {
    Message.Builder parameters = request.toBuilder();
    for (String name : NON_PARAMETERS) {
      FieldDescriptor field = request.getDescriptorForType().findFieldByName(name);
      if (field != null) {
        parameters.clearField(field);
      }
    }
    byte[] type = request.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8);
    return BASE64.encodeToString(sha256(concat(type, parameters.build().toByteArray())));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] joined = new byte[first.length + 1 + second.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length + 1, second.length);
    return joined;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
