package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class CallOutcomeTest {

  @Test
  void of_failedPreconditionWithErrorInfo_isARejectionWithItsReason() {
    StatusRuntimeException failure =
        StatusProto.toStatusRuntimeException(
            com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage("not enough stock")
                .addDetails(
                    Any.pack(
                        ErrorInfo.newBuilder()
                            .setReason("INSUFFICIENT_STOCK")
                            .setDomain("cqrsshop.io")
                            .build()))
                .build());

    assertThat(CallOutcome.of(failure))
        .isEqualTo(new CallOutcome.Rejected(Status.Code.FAILED_PRECONDITION, "INSUFFICIENT_STOCK"));
  }

  @Test
  void of_unavailableWithoutDetails_isAnError() {
    assertThat(CallOutcome.of(Status.UNAVAILABLE.asRuntimeException()))
        .isEqualTo(new CallOutcome.Failed(Status.Code.UNAVAILABLE, ""));
  }

  @Test
  void label_withAndWithoutReason_readsAsCodeThenReason() {
    assertThat(CallOutcome.label(Status.Code.ABORTED, "VERSION_CONFLICT"))
        .isEqualTo("ABORTED VERSION_CONFLICT");
    assertThat(CallOutcome.label(Status.Code.INTERNAL, "")).isEqualTo("INTERNAL");
  }
}
