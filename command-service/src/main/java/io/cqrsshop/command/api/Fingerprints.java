package io.cqrsshop.command.api;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What makes two requests "the same command": a SHA-256 over the request type (each RPC has its
 * own) and the request's deterministic serialization without its {@code request_id}.
 */
public final class Fingerprints {

  private Fingerprints() {}

  public static byte[] of(Message request) {
    Message.Builder withoutId = request.toBuilder();
    FieldDescriptor requestId = request.getDescriptorForType().findFieldByName("request_id");
    if (requestId != null) {
      withoutId.clearField(requestId);
    }
    MessageDigest sha256 = sha256();
    sha256.update(request.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    sha256.update(deterministicBytes(withoutId.build()));
    return sha256.digest();
  }

  private static byte[] deterministicBytes(Message message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.getSerializedSize());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    // Without this, map fields could serialize in any order and fingerprints would differ.
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize " + message.getDescriptorForType(), e);
    }
    return bytes.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
