package io.cqrsshop.bench;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Set;

/**
 * How one call ended, as the harness counts it: answered, turned down by a business rule (an
 * expected answer under load), or failed (something a healthy system should not do).
 */
public sealed interface CallOutcome {

  /** Statuses the contract uses for business rules: stock, duplicates, version conflicts. */
  Set<Status.Code> BUSINESS_CODES =
      Set.of(Status.Code.FAILED_PRECONDITION, Status.Code.ALREADY_EXISTS, Status.Code.ABORTED);

  /** The call succeeded. */
  record Ok() implements CallOutcome {}

  /** The call was refused by a business rule; {@code reason} is the ErrorInfo reason, if any. */
  record Rejected(Status.Code code, String reason) implements CallOutcome {}

  /** The call failed: unavailable, timed out, invalid input or a server fault. */
  record Failed(Status.Code code, String reason) implements CallOutcome {}

  CallOutcome OK = new Ok();

  /** Classifies a gRPC failure, reading the reason from its ErrorInfo detail. */
  static CallOutcome of(StatusRuntimeException failure) {
    Status.Code code = failure.getStatus().getCode();
    String reason = reasonOf(failure);
    return BUSINESS_CODES.contains(code) ? new Rejected(code, reason) : new Failed(code, reason);
  }

  /** "CODE" or "CODE REASON", the label a report prints. */
  static String label(Status.Code code, String reason) {
    return reason.isEmpty() ? code.name() : code.name() + " " + reason;
  }

  /** "UNAVAILABLE: io exception", for messages: the status without its cause's stack trace. */
  static String describe(StatusRuntimeException failure) {
    Status status = failure.getStatus();
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode() + ": " + status.getDescription();
  }

  private static String reasonOf(StatusRuntimeException failure) {
    com.google.rpc.Status rich = StatusProto.fromThrowable(failure);
    if (rich == null) {
      return "";
    }
    for (Any detail : rich.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          return detail.unpack(ErrorInfo.class).getReason();
        } catch (InvalidProtocolBufferException malformed) {
          return "";
        }
      }
    }
    return "";
  }
}
