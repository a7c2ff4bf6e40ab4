package io.cqrsshop.command.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.runtime.grpc.GrpcReplies;
import io.cqrsshop.runtime.grpc.RequestText;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one way every RPC runs: validate the whole request (request id included, and every string
 * against the API's text rule), execute the use case under the request id's MDC, and reply with the
 * response or the translated rejection.
 */
final class CommandCalls {

  private static final Logger log = LoggerFactory.getLogger(CommandCalls.class);

  /** The prose fields, which may hold line breaks and tabs; every other string may not. */
  private static final RequestText TEXT =
      new RequestText(
          Set.of(
              field(CreateProductRequest.getDescriptor(), "description"),
              field(UpdateProductDetailsRequest.getDescriptor(), "description"),
              field(AdjustProductStockRequest.getDescriptor(), "reason"),
              field(CancelOrderRequest.getDescriptor(), "reason")));

  private CommandCalls() {}

  static <Q extends Message, C, R, S> void handle(
      Q request,
      String requestId,
      StreamObserver<S> observer,
      RequestParser<Q, C> parser,
      BiFunction<C, CommandContext, Outcome<R>> useCase,
      Function<R, S> response) {
    Violations violations = new Violations();
    TEXT.check(request, violations);
    Optional<RequestId> id = RequestId.parse(requestId, "request_id", violations);
    Supplier<C> command = parser.parse(request, violations);
    Optional<Rejection.InvalidInput> invalid = violations.rejection();
    if (invalid.isPresent()) {
      GrpcReplies.reply(observer, Outcome.rejected(invalid.get()));
      return;
    }
    MDC.put("request_id", id.orElseThrow().value());
    try {
      Outcome<R> outcome =
          useCase.apply(
              command.get(), new CommandContext(id.orElseThrow(), Fingerprints.of(request)));
      if (outcome instanceof Outcome.Rejected<R> rejected) {
        log.debug(
            "{} refused: {}",
            request.getDescriptorForType().getName(),
            rejected.rejection().message());
      }
      GrpcReplies.reply(observer, outcome.map(response));
    } finally {
      MDC.remove("request_id");
    }
  }

  private static FieldDescriptor field(Descriptor message, String name) {
    return message.findFieldByName(name);
  }
}
