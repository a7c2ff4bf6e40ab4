package io.cqrsshop.command.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Transaction;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.runtime.grpc.GrpcReplies;
import io.cqrsshop.runtime.grpc.RequestText;
import io.cqrsshop.runtime.security.Caller;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The registration of one RPC of the CommandService, and the one way every RPC runs: check the
 * whole request (every string against the API's text rule, the request id, then the endpoint
 * method's own fields), run its work once per request id under the request id's MDC, and reply with
 * the response or the translated rejection. A repeat gets the stored bytes of the first response.
 *
 * @param requestId the request's {@code request_id} getter
 * @param text the string rule of the request; fields named by {@link #freeText} may hold prose
 * @param endpoint the endpoint method that reads the request and names its use case
 */
record CommandRpc<Q extends Message, S extends Message>(
    MethodDescriptor<Q, S> method,
    Function<Q, String> requestId,
    RequestText text,
    Endpoint<Q, S> endpoint) {

  private static final Logger log = LoggerFactory.getLogger(CommandRpc.class);

  /**
   * An endpoint method: reads a request through its generated getters, recording each bad field,
   * and returns the work it asks for. The work only runs when nothing was recorded, so it may take
   * what was read for granted.
   */
  @FunctionalInterface
  interface Endpoint<Q, S> {
    Work<S> read(Q request, Violations violations);
  }

  /** A checked request: its typed command handed to its use case, and the response it leads to. */
  @FunctionalInterface
  interface Work<S> {
    Outcome<S> run(Transaction tx);
  }

  static <Q extends Message, S extends Message> CommandRpc<Q, S> of(
      MethodDescriptor<Q, S> method, Function<Q, String> requestId, Endpoint<Q, S> endpoint) {
    return new CommandRpc<>(method, requestId, new RequestText(Set.of()), endpoint);
  }

  /** This RPC with prose fields: they may also hold tabs and line breaks. */
  CommandRpc<Q, S> freeText(String... fields) {
    Descriptor request =
        CommandRpc.<Message>prototype(method.getRequestMarshaller()).getDescriptorForType();
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
    return new CommandRpc<>(method, requestId, new RequestText(prose), endpoint);
  }

  void addTo(ServerServiceDefinition.Builder service, IdempotentCommands commands) {
    @SuppressWarnings("unchecked") // a message's parser makes messages of that same type
    Parser<S> responses =
        (Parser<S>) CommandRpc.<S>prototype(method.getResponseMarshaller()).getParserForType();
    service.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (request, observer) -> handle(request, observer, commands, responses)));
  }

  private void handle(
      Q request, StreamObserver<S> observer, IdempotentCommands commands, Parser<S> responses) {
    Violations violations = new Violations();
    text.check(request, violations);
    Optional<RequestId> id = RequestId.parse(requestId.apply(request), "request_id", violations);
    Work<S> work = endpoint.read(request, violations);
    Optional<Rejection.InvalidInput> invalid = violations.rejection();
    if (invalid.isPresent()) {
      GrpcReplies.reply(observer, Outcome.rejected(invalid.get()));
      return;
    }
    MDC.put("request_id", id.orElseThrow().value());
    try {
      CommandContext context =
          new CommandContext(caller(), id.orElseThrow(), Fingerprints.of(request));
      Outcome<byte[]> answer = commands.run(context, tx -> work.run(tx).map(Message::toByteArray));
      if (answer instanceof Outcome.Rejected<byte[]> rejected) {
        log.debug("{} refused: {}", method.getBareMethodName(), rejected.rejection().message());
      }
      GrpcReplies.reply(observer, answer.map(bytes -> parse(responses, bytes)));
    } finally {
      MDC.remove("request_id");
    }
  }

  /** The response from its bytes: the first run's and a repeat's answer go the same way. */
  private S parse(Parser<S> responses, byte[] bytes) {
    try {
      return responses.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "stored answer of " + method.getFullMethodName() + " is unreadable", e);
    }
  }

  private static String caller() {
    Caller caller = Caller.current();
    return caller.isAnonymous() ? CommandContext.ANONYMOUS : caller.subject();
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
