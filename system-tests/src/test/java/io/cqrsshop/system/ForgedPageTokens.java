package io.cqrsshop.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Page tokens as a client can forge them: the seal of a token is a hash over the request's other
 * parameters and the payload, not a secret, so a client that read the format recomputes it over any
 * sort values it likes. Written from the documented format, apart from query-service's code, as an
 * attacker would write it.
 */
final class ForgedPageTokens {

  private static final List<String> NON_PARAMETERS =
      List.of("page_token", "page_size", "consistency_tokens");
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectMapper JSON = new ObjectMapper();

  private ForgedPageTokens() {}

  /** The request with a page token carrying {@code values}, sealed for the request. */
  static Message withToken(Message request, FieldDescriptor pageToken, List<Object> values) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("after", values);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String seal =
        BASE64.encodeToString(
            Arrays.copyOf(sha256(fingerprint(request).getBytes(StandardCharsets.UTF_8), body), 16));
    return request.toBuilder()
        .setField(pageToken, BASE64.encodeToString(body) + "." + seal)
        .build();
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
    return BASE64.encodeToString(sha256(type, parameters.build().toByteArray()));
  }

  private static byte[] sha256(byte[] first, byte[] second) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(first);
      digest.update((byte) 0);
      digest.update(second);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
