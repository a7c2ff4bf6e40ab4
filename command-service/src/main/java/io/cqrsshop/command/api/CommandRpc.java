package io.cqrsshop.command.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.runtime.grpc.RequestText;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Violations;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registration of one RPC of the CommandService: its generated method, how its request is
 * checked and turned into work, and how the work's result becomes the response. {@link
 * CommandCalls} runs every registration the same way.
 *
 * @param text the string rule of the request; fields named by {@link #freeText} may hold prose
 */
record CommandRpc<Q extends Message, R, S extends Message>(
    MethodDescriptor<Q, S> method,
    FieldDescriptor requestId,
    RequestText text,
    RequestParser<Q, R> parser,
    Function<R, S> response) {

  /**
   * Checks every field of a request, recording each bad one, and returns the work it asks for; the
   * work only runs when no violation was recorded, so it may take the parsed values for granted.
   */
  @FunctionalInterface
  interface RequestParser<Q, R> {
    Work<R> parse(Q request, Violations violations);
  }

  /** A checked command, run once under its request id and fingerprint. */
  @FunctionalInterface
  interface Work<R> {
    Outcome<R> run(CommandContext context);
  }

  /**
   * An RPC whose response carries the receipt only: the aggregate's new version and the consistency
   * token (every command response has both).
   */
  static <Q extends Message, S extends Message> CommandRpc<Q, Receipt, S> of(
      MethodDescriptor<Q, S> method, RequestParser<Q, Receipt> parser) {
    S prototype = prototype(method.getResponseMarshaller());
    return of(method, parser, receipt -> Responses.of(prototype, receipt));
  }

  static <Q extends Message, R, S extends Message> CommandRpc<Q, R, S> of(
      MethodDescriptor<Q, S> method, RequestParser<Q, R> parser, Function<R, S> response) {
    Descriptor request = requestType(method);
    FieldDescriptor requestId = request.findFieldByName("request_id");
    if (requestId == null) {
      throw new IllegalArgumentException(method.getFullMethodName() + " has no request_id");
    }
    // So that a response without them fails the start, not the first call.
    Responses.requireReceiptFields(
        CommandRpc.<Message>prototype(method.getResponseMarshaller()).getDescriptorForType());
    return new CommandRpc<>(method, requestId, new RequestText(Set.of()), parser, response);
  }

  /** This RPC with prose fields: they may also hold tabs and line breaks. */
  CommandRpc<Q, R, S> freeText(String... fields) {
    Descriptor request = requestType(method);
    Set<FieldDescriptor> prose =
        Arrays.stream(fields)
            .map(
                name -> {
                  FieldDescriptor field = request.findFieldByName(name);
                  if (field == null) {
                    throw new IllegalArgumentException(request.getName() + " has no field " + name);
                  }
                  return field;
                })
            .collect(Collectors.toSet());
    return new CommandRpc<>(method, requestId, new RequestText(prose), parser, response);
  }

  void addTo(ServerServiceDefinition.Builder service) {
    service.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (request, observer) -> CommandCalls.handle(this, request, observer)));
  }

  private static Descriptor requestType(MethodDescriptor<? extends Message, ?> method) {
    return CommandRpc.<Message>prototype(method.getRequestMarshaller()).getDescriptorForType();
  }

  /** The default instance of a message type, from the generated method's marshaller. */
  @SuppressWarnings("unchecked")
  private static <M extends Message> M prototype(MethodDescriptor.Marshaller<?> marshaller) {
    if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> proto
        && proto.getMessagePrototype() instanceof Message message) {
      return (M) message;
    }
    throw new IllegalArgumentException("not a generated protobuf method: " + marshaller);
  }
}
