package io.cqrsshop.runtime.grpc;

import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The size of the trailers a status puts on the wire, as HTTP/2 counts a header list (name, value
 * and 32 bytes per entry), with the message percent-encoded as grpc-message is.
 */
final class TrailerSize {

  private TrailerSize() {}

  static int of(StatusRuntimeException exception) {
    int size = entry("grpc-status", Integer.toString(exception.getStatus().getCode().value()));
    String description = exception.getStatus().getDescription();
    if (description != null) {
      size += entry("grpc-message", percentEncoded(description));
    }
    Metadata trailers = exception.getTrailers();
    if (trailers != null) {
      for (String key : trailers.keys()) {
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          for (byte[] value :
              trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
            size += entry(key, Base64.getEncoder().withoutPadding().encodeToString(value));
          }
        } else {
          for (String value :
              trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
            size += entry(key, value);
          }
        }
      }
    }
    return size;
  }

  private static int entry(String name, String value) {
    return name.length() + value.length() + 32;
  }

  private static String percentEncoded(String description) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : description.getBytes(StandardCharsets.UTF_8)) {
      if (b >= ' ' && b < '~' && b != '%') {
        encoded.append((char) b);
      } else {
        encoded.append(String.format("%%%02X", b & 0xFF));
      }
    }
    return encoded.toString();
  }
}
