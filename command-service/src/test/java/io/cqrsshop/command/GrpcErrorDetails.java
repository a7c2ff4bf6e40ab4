package io.cqrsshop.command;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;

/** Reads the rich error details of a failed call. */
record GrpcErrorDetails(Status.Code code, Optional<ErrorInfo> info, List<String> badFields) {

  static GrpcErrorDetails of(Throwable failure) {
    if (!(failure instanceof StatusRuntimeException sre)) {
      throw new AssertionError("not a gRPC failure: " + failure, failure);
    }
    com.google.rpc.Status status = StatusProto.fromThrowable(sre);
    Optional<ErrorInfo> info = Optional.empty();
    List<String> fields = List.of();
    if (status != null) {
      for (Any detail : status.getDetailsList()) {
        try {
          if (detail.is(ErrorInfo.class)) {
            info = Optional.of(detail.unpack(ErrorInfo.class));
          } else if (detail.is(BadRequest.class)) {
            fields =
                detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                    .map(BadRequest.FieldViolation::getField)
                    .toList();
          }
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    return new GrpcErrorDetails(sre.getStatus().getCode(), info, fields);
  }

  String reason() {
    return info.map(ErrorInfo::getReason).orElse("");
  }
}
