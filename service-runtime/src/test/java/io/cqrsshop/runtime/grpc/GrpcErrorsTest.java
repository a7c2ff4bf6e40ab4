package io.cqrsshop.runtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.testing.GrpcWire;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {

  @Test
  void toStatus_invalidInput_isInvalidArgumentWithOneViolationPerField() throws Exception {
    var status =
        GrpcErrors.toStatus(
            new Rejection.InvalidInput(
                List.of(
                    new Rejection.FieldViolation("sku", "must not be empty"),
                    new Rejection.FieldViolation("price.amount_minor", "must be >= 0"))));

    assertThat(status.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    var details = status.getDetails(0).unpack(BadRequest.class);
    assertThat(details.getFieldViolationsList())
        .extracting(BadRequest.FieldViolation::getField)
        .containsExactly("sku", "price.amount_minor");
  }

  @Test
  void toStatus_ruleViolation_isFailedPreconditionWithReasonAndMetadata() throws Exception {
    var status =
        GrpcErrors.toStatus(
            new Rejection.RuleViolation(
                "INSUFFICIENT_STOCK", "only 2 left", Map.of("line_index", "1")));

    assertThat(status.getCode()).isEqualTo(Code.FAILED_PRECONDITION_VALUE);
    assertThat(status.getMessage()).isEqualTo("only 2 left");
    var info = status.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("INSUFFICIENT_STOCK");
    assertThat(info.getDomain()).isEqualTo(GrpcErrors.DOMAIN);
    assertThat(info.getMetadataMap()).containsEntry("line_index", "1");
  }

  @Test
  void toStatus_versionConflict_isAbortedNamingBothVersions() throws Exception {
    var status = GrpcErrors.toStatus(new Rejection.VersionConflict("product p-1", 3, 4));

    assertThat(status.getCode()).isEqualTo(Code.ABORTED_VALUE);
    var info = status.getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("VERSION_CONFLICT");
    assertThat(info.getMetadataMap())
        .containsEntry("expected_version", "3")
        .containsEntry("actual_version", "4");
  }

  @Test
  void toStatus_everyOtherRejection_mapsToItsCode() {
    assertThat(GrpcErrors.toStatus(new Rejection.NotFound("PRODUCT_NOT_FOUND", "x")).getCode())
        .isEqualTo(Code.NOT_FOUND_VALUE);
    assertThat(
            GrpcErrors.toStatus(new Rejection.AlreadyExists("SKU_ALREADY_EXISTS", "x")).getCode())
        .isEqualTo(Code.ALREADY_EXISTS_VALUE);
    assertThat(
            GrpcErrors.toStatus(new Rejection.Unavailable("PROJECTION_BEHIND", "x", Map.of()))
                .getCode())
        .isEqualTo(Code.UNAVAILABLE_VALUE);
    assertThat(
            GrpcErrors.toStatus(new Rejection.DeadlineExceeded("PROJECTION_BEHIND", "x", Map.of()))
                .getCode())
        .isEqualTo(Code.DEADLINE_EXCEEDED_VALUE);
  }

  @Test
  void toException_thousandsOfHugeViolations_keepTheTrailersWellWithinEightKilobytes() {
    List<Rejection.FieldViolation> violations =
        IntStream.range(0, 1_000)
            .mapToObj(
                i ->
                    new Rejection.FieldViolation(
                        "lines[" + i + "].product_id" + "x".repeat(5_000),
                        "unknown path " + "\u00e9".repeat(50_000)))
            .toList();

    var exception = GrpcErrors.toException(new Rejection.InvalidInput(violations));

    assertThat(GrpcWire.trailerBytes(exception)).isLessThan(4 * 1024);
    var details = StatusProto.fromThrowable(exception).getDetails(0);
    assertThat(exception.getStatus().getDescription())
        .isEqualTo("1000 invalid fields (the first " + fieldsReported(details) + " reported)");
  }

  @Test
  void toException_hugeMessageAndMetadata_areCut() {
    var exception =
        GrpcErrors.toException(
            new Rejection.NotFound(
                "PRODUCT_NOT_FOUND",
                "product " + "\u0000\u00e9".repeat(100_000),
                Map.of("product_id", "p".repeat(100_000), "k".repeat(10_000), "v")));

    assertThat(GrpcWire.trailerBytes(exception)).isLessThan(4 * 1024);
    assertThat(exception.getStatus().getDescription()).startsWith("product ").endsWith("...");
  }

  @Test
  void toException_oneViolation_quotesItInTheMessage() {
    var exception =
        GrpcErrors.toException(Rejection.InvalidInput.of("name", "must be 1 to 200 characters"));

    assertThat(exception.getStatus().getDescription())
        .isEqualTo("name: must be 1 to 200 characters");
  }

  private static int fieldsReported(com.google.protobuf.Any details) {
    try {
      return details.unpack(BadRequest.class).getFieldViolationsCount();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void toException_carriesTheCodeOnTheWire() {
    var exception = GrpcErrors.toException(new Rejection.NotFound("USER_NOT_FOUND", "no user"));

    assertThat(exception.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
    assertThat(exception.getStatus().getDescription()).isEqualTo("no user");
  }
}
