package io.cqrsshop.runtime.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.cqrsshop.shared.Rejection;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;

/**
 * The one translation from {@link Rejection}s to gRPC statuses with rich error details.
 *
 * <p>Invalid input becomes INVALID_ARGUMENT with a {@link BadRequest} listing every bad field;
 * every other rejection carries an {@link ErrorInfo} whose {@code reason} a client can switch on.
 */
public final class GrpcErrors {

  /** The {@code ErrorInfo.domain} of every error this system raises. */
  public static final String DOMAIN = "cqrsshop.io";

  private GrpcErrors() {}

  public static StatusRuntimeException toException(Rejection rejection) {
    return StatusProto.toStatusRuntimeException(toStatus(rejection));
  }

  public static Status toStatus(Rejection rejection) {
    return switch (rejection) {
      case Rejection.InvalidInput invalid -> badRequest(invalid);
      case Rejection.NotFound r -> withInfo(Code.NOT_FOUND, r.message(), r.reason(), r.metadata());
      case Rejection.AlreadyExists r ->
          withInfo(Code.ALREADY_EXISTS, r.message(), r.reason(), r.metadata());
      case Rejection.RuleViolation r ->
          withInfo(Code.FAILED_PRECONDITION, r.message(), r.reason(), r.metadata());
      case Rejection.VersionConflict r ->
          withInfo(
              Code.ABORTED,
              r.message(),
              "VERSION_CONFLICT",
              Map.of(
                  "expected_version", Long.toString(r.expectedVersion()),
                  "actual_version", Long.toString(r.actualVersion())));
      case Rejection.Unavailable r ->
          withInfo(Code.UNAVAILABLE, r.message(), r.reason(), r.metadata());
      case Rejection.DeadlineExceeded r ->
          withInfo(Code.DEADLINE_EXCEEDED, r.message(), r.reason(), r.metadata());
    };
  }

  private static Status badRequest(Rejection.InvalidInput invalid) {
    BadRequest.Builder details = BadRequest.newBuilder();
    for (Rejection.FieldViolation violation : invalid.violations()) {
      details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder()
              .setField(violation.field())
              .setDescription(violation.description()));
    }
    return Status.newBuilder()
        .setCode(Code.INVALID_ARGUMENT_VALUE)
        .setMessage(invalid.message())
        .addDetails(Any.pack(details.build()))
        .build();
  }

  private static Status withInfo(
      Code code, String message, String reason, Map<String, String> metadata) {
    ErrorInfo info =
        ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).putAllMetadata(metadata).build();
    return Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(message)
        .addDetails(Any.pack(info))
        .build();
  }
}
