package io.cqrsshop.runtime.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.cqrsshop.shared.Excerpt;
import io.cqrsshop.shared.Rejection;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;

/**
 * The one translation from {@link Rejection}s to gRPC statuses with rich error details.
 *
 * <p>Invalid input becomes INVALID_ARGUMENT with a {@link BadRequest} listing the bad fields; every
 * other rejection carries an {@link ErrorInfo} whose {@code reason} a client can switch on.
 *
 * <p>Messages and details often quote what the client sent, so everything that goes into the status
 * is bounded here, whatever the input: the message, each field path, description and metadata entry
 * are cut, and a BadRequest reports at most {@value #MAX_VIOLATIONS} violations within {@value
 * #MAX_DETAILS_BYTES} bytes (the message says how many there were). The trailers then stay far
 * below the 8 KB of headers a default gRPC client accepts; beyond that limit a client drops the
 * whole connection, failing other calls in flight on it.
 */
public final class GrpcErrors {

  /** The {@code ErrorInfo.domain} of every error this system raises. */
  public static final String DOMAIN = "cqrsshop.io";

  /** Most violations one status reports. */
  static final int MAX_VIOLATIONS = 20;

  /** Bytes the packed details of one status may take (before base64). */
  static final int MAX_DETAILS_BYTES = 2_048;

  /** Bytes of UTF-8 a message may take; grpc-message percent-encodes, up to three times that. */
  static final int MAX_MESSAGE_BYTES = 400;

  private static final int MAX_FIELD_BYTES = 100;
  private static final int MAX_DESCRIPTION_BYTES = 200;
  private static final int MAX_METADATA_ENTRIES = 10;
  private static final int MAX_METADATA_KEY_BYTES = 64;
  private static final int MAX_METADATA_VALUE_BYTES = 200;

  private GrpcErrors() {}

  public static StatusRuntimeException toException(Rejection rejection) {
    return StatusProto.toStatusRuntimeException(toStatus(rejection));
  }

  /** Ends a call (in an interceptor, before the service sees it) with the rejection's status. */
  public static void close(ServerCall<?, ?> call, Rejection rejection) {
    StatusRuntimeException exception = toException(rejection);
    Metadata trailers = exception.getTrailers();
    call.close(exception.getStatus(), trailers == null ? new Metadata() : trailers);
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
      case Rejection.Unauthenticated r ->
          withInfo(Code.UNAUTHENTICATED, r.message(), r.reason(), Map.of());
      case Rejection.PermissionDenied r ->
          withInfo(Code.PERMISSION_DENIED, r.message(), r.reason(), r.metadata());
      case Rejection.ResourceExhausted r ->
          withInfo(Code.RESOURCE_EXHAUSTED, r.message(), r.reason(), r.metadata());
    };
  }

  private static Status badRequest(Rejection.InvalidInput invalid) {
    BadRequest.Builder details = BadRequest.newBuilder();
    for (Rejection.FieldViolation violation : invalid.violations()) {
      BadRequest.FieldViolation bounded =
          BadRequest.FieldViolation.newBuilder()
              .setField(Excerpt.cut(violation.field(), MAX_FIELD_BYTES))
              .setDescription(Excerpt.cut(violation.description(), MAX_DESCRIPTION_BYTES))
              .build();
      if (details.getFieldViolationsCount() == MAX_VIOLATIONS
          || details.build().getSerializedSize() + bounded.getSerializedSize() + 4
              > MAX_DETAILS_BYTES) {
        break;
      }
      details.addFieldViolations(bounded);
    }
    int reported = details.getFieldViolationsCount();
    int total = invalid.violations().size();
    String message =
        reported < total
            ? total + " invalid fields (the first " + reported + " reported)"
            : invalid.message();
    return Status.newBuilder()
        .setCode(Code.INVALID_ARGUMENT_VALUE)
        .setMessage(Excerpt.cut(message, MAX_MESSAGE_BYTES))
        .addDetails(Any.pack(details.build()))
        .build();
  }

  private static Status withInfo(
      Code code, String message, String reason, Map<String, String> metadata) {
    ErrorInfo.Builder info =
        ErrorInfo.newBuilder().setReason(Excerpt.cut(reason, MAX_METADATA_KEY_BYTES));
    info.setDomain(DOMAIN);
    metadata.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .limit(MAX_METADATA_ENTRIES)
        .forEach(
            entry ->
                info.putMetadata(
                    Excerpt.cut(entry.getKey(), MAX_METADATA_KEY_BYTES),
                    Excerpt.cut(entry.getValue(), MAX_METADATA_VALUE_BYTES)));
    return Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(Excerpt.cut(message, MAX_MESSAGE_BYTES))
        .addDetails(Any.pack(info.build()))
        .build();
  }
}
