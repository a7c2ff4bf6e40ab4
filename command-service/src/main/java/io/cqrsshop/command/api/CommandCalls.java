package io.cqrsshop.command.api;

import com.google.protobuf.Message;
import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.runtime.grpc.GrpcReplies;
import io.cqrsshop.runtime.security.Caller;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one way every RPC runs: validate the whole request (request id included, and every string
 * against the API's text rule), execute its work under the request id's MDC, and reply with the
 * response or the translated rejection.
 */
final class CommandCalls {

  private static final Logger log = LoggerFactory.getLogger(CommandCalls.class);

  private CommandCalls() {}

  static <Q extends Message, R, S extends Message> void handle(
      CommandRpc<Q, R, S> rpc, Q request, StreamObserver<S> observer) {
    Violations violations = new Violations();
    rpc.text().check(request, violations);
    Optional<RequestId> id =
        RequestId.parse((String) request.getField(rpc.requestId()), "request_id", violations);
    CommandRpc.Work<R> work = rpc.parser().parse(request, violations);
    Optional<Rejection.InvalidInput> invalid = violations.rejection();
    if (invalid.isPresent()) {
      GrpcReplies.reply(observer, Outcome.rejected(invalid.get()));
      return;
    }
    MDC.put("request_id", id.orElseThrow().value());
    try {
      Outcome<R> outcome =
          work.run(new CommandContext(caller(), id.orElseThrow(), Fingerprints.of(request)));
      if (outcome instanceof Outcome.Rejected<R> rejected) {
        log.debug(
            "{} refused: {}",
            request.getDescriptorForType().getName(),
            rejected.rejection().message());
      }
      GrpcReplies.reply(observer, outcome.map(rpc.response()));
    } finally {
      MDC.remove("request_id");
    }
  }

  private static String caller() {
    Caller caller = Caller.current();
    return caller.isAnonymous() ? CommandContext.ANONYMOUS : caller.subject();
  }
}
