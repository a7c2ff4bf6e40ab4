package io.cqrsshop.testing;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a gRPC call puts on the wire, for tests that send arbitrary bytes as a request or check how
 * large an error's trailers are.
 */
public final class GrpcWire {

  private GrpcWire() {}

  /** A unary method of the given full name whose request and response are raw bytes. */
  public static MethodDescriptor<byte[], byte[]> rawMethod(String fullMethodName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  /**
   * The size of a failed call's trailers as HTTP/2 counts a header list (name, value and 32 bytes
   * per entry), with the message percent-encoded as grpc-message is and binary values in base64:
   * what a client's limit on headers (8 KB by default) applies to.
   */
  public static int trailerBytes(StatusRuntimeException failure) {
    int size = entry("grpc-status", Integer.toString(failure.getStatus().getCode().value()));
    String description = failure.getStatus().getDescription();
    if (description != null) {
      int encoded = 0;
      for (byte b : description.getBytes(StandardCharsets.UTF_8)) {
        encoded += b >= ' ' && b < '~' && b != '%' ? 1 : 3;
      }
      size += "grpc-message".length() + encoded + 32;
    }
    Metadata trailers = failure.getTrailers();
    if (trailers == null) {
      return size;
    }
    for (String key : trailers.keys()) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value :
            trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          size += key.length() + (value.length * 4 + 2) / 3 + 32;
        }
      } else {
        for (String value :
            trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          size += entry(key, value);
        }
      }
    }
    return size;
  }

  private static int entry(String name, String value) {
    return name.length() + value.length() + 32;
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
}
