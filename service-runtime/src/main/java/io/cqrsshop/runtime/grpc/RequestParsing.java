package io.cqrsshop.runtime.grpc;

import io.cqrsshop.shared.Excerpt;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a request body that cannot be parsed (not protobuf, or invalid UTF-8 in a string) with
 * INVALID_ARGUMENT and a message, instead of grpc-java's UNKNOWN "Application error processing
 * RPC".
 *
 * <p>grpc-java parses a request before any listener or interceptor sees it, and turns whatever the
 * marshaller throws into UNKNOWN. So each method's request marshaller is wrapped in one that never
 * throws but hands over a {@link Parsed} value, and a thin handler in front of the service's own
 * either passes the message on or closes the call. The service, its interceptors and its method
 * names are unchanged.
 */
final class RequestParsing {

  private static final int MAX_PROBLEM_BYTES = 200;

  private RequestParsing() {}

  /** {@code service}, with every method's request parsed as described above. */
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> wrapped = guard(method);
      descriptor.addMethod(wrapped.getMethodDescriptor());
      methods.add(wrapped);
    }
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    for (ServerMethodDefinition<?, ?> method : methods) {
      guarded.addMethod(method);
    }
    return guarded.build();
  }

  private static <Q, R> ServerMethodDefinition<Parsed<Q>, R> guard(
      ServerMethodDefinition<Q, R> definition) {
    MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
    MethodDescriptor<Parsed<Q>, R> wrapped =
        method.toBuilder(new ParsingMarshaller<>(method), method.getResponseMarshaller()).build();
    ServerCallHandler<Q, R> handler = definition.getServerCallHandler();
    return ServerMethodDefinition.create(
        wrapped, (call, headers) -> start(call, headers, method, handler));
  }

  private static <Q, R> ServerCall.Listener<Parsed<Q>> start(
      ServerCall<Parsed<Q>, R> call,
      Metadata headers,
      MethodDescriptor<Q, R> method,
      ServerCallHandler<Q, R> handler) {
    ServerCall.Listener<Q> delegate = handler.startCall(new Unwrapped<>(call, method), headers);
    return new ServerCall.Listener<>() {
      private boolean refused;

      @Override
      public void onMessage(Parsed<Q> message) {
        switch (message) {
          case Parsed.Message<Q> parsed -> delegate.onMessage(parsed.value());
          case Parsed.Malformed<Q> malformed -> {
            refused = true;
            call.close(
                Status.INVALID_ARGUMENT.withDescription(
                    "the request body is not a valid "
                        + method.getFullMethodName()
                        + " request: "
                        + Excerpt.cut(malformed.problem(), MAX_PROBLEM_BYTES)),
                new Metadata());
          }
        }
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          delegate.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        delegate.onCancel();
      }

      @Override
      public void onComplete() {
        delegate.onComplete();
      }

      @Override
      public void onReady() {
        if (!refused) {
          delegate.onReady();
        }
      }
    };
  }

  /** A request as it came off the wire: the message, or why it is not one. */
  sealed interface Parsed<Q> {
    record Message<Q>(Q value) implements Parsed<Q> {}

    record Malformed<Q>(String problem) implements Parsed<Q> {}
  }

  /** Parses with the method's own marshaller, turning its failure into a value. */
  private record ParsingMarshaller<Q>(MethodDescriptor<Q, ?> method)
      implements MethodDescriptor.Marshaller<Parsed<Q>> {

    @Override
    public InputStream stream(Parsed<Q> value) {
      if (value instanceof Parsed.Message<Q> message) {
        return method.streamRequest(message.value());
      }
      throw new IllegalArgumentException("a malformed request cannot be sent");
    }

    @Override
    public Parsed<Q> parse(InputStream stream) {
      try {
        return new Parsed.Message<>(method.parseRequest(stream));
      } catch (RuntimeException e) {
        // grpc's protobuf marshaller wraps the parser's exception, which says what was wrong.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new Parsed.Malformed<>(String.valueOf(cause.getMessage()));
      }
    }
  }

  /** The call as the service's own handler expects it, typed with the original request. */
  private static final class Unwrapped<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<Parsed<Q>, R> call;
    private final MethodDescriptor<Q, R> method;

    Unwrapped(ServerCall<Parsed<Q>, R> call, MethodDescriptor<Q, R> method) {
      this.call = call;
      this.method = method;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void close(Status status, Metadata trailers) {
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      call.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return method;
    }
  }
}
