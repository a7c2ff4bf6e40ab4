package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.FieldMask;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.grpc.Status;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever a client sends, a malformed request is INVALID_ARGUMENT naming the field, writes
 * nothing, and gets an answer a default client (8 KB of headers) can read.
 */
class CommandInputIT {

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceBlockingStub client = stack.client();

  @Test
  void createProduct_nulInDescription_isInvalidArgumentAndWritesNothing() {
    long events = stack.count("SELECT count(*) FROM events");

    GrpcErrorDetails refused =
        refusal(
            () ->
                client.createProduct(
                    Requests.product(1).toBuilder().setDescription("blue\u0000mug").build()));

    assertThat(refused.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.badFields()).containsExactly("description");
    assertThat(stack.count("SELECT count(*) FROM events")).isEqualTo(events);
  }

  @Test
  void freeText_acceptsLineBreaksAndTabs() {
    var created =
        client.createProduct(
            Requests.product(1).toBuilder().setDescription("line one\r\n\tline two").build());

    assertThat(created.getVersion()).isEqualTo(1);
  }

  @Test
  void cancelOrder_nulInReason_isInvalidArgument() {
    String product = client.createProduct(Requests.product(2)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    String order = client.placeOrder(Requests.order(customer, product, 1)).getOrderId();

    GrpcErrorDetails refused =
        refusal(
            () ->
                client.cancelOrder(
                    CancelOrderRequest.newBuilder()
                        .setRequestId(Requests.requestId())
                        .setOrderId(order)
                        .setReason("changed\u0000my mind")
                        .build()));

    assertThat(refused.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.badFields()).containsExactly("reason");
  }

  @Test
  void updateDetails_thousandUnknownMaskPaths_isAnAnswerADefaultClientCanRead() {
    String product = client.createProduct(Requests.product(1)).getProductId();
    FieldMask.Builder mask = FieldMask.newBuilder();
    IntStream.range(0, 1_000).forEach(i -> mask.addPaths("unknown_field_number_" + i));

    GrpcErrorDetails refused = refusal(() -> client.updateProductDetails(update(product, mask)));

    assertThat(refused.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.badFields()).containsExactly("update_mask");
  }

  @Test
  void updateDetails_oneHugeMaskPath_isAnAnswerADefaultClientCanRead() {
    String product = client.createProduct(Requests.product(1)).getProductId();

    GrpcErrorDetails refused =
        refusal(
            () ->
                client.updateProductDetails(
                    update(product, FieldMask.newBuilder().addPaths("n".repeat(100_000)))));

    assertThat(refused.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.badFields()).contains("update_mask.paths[0]");
  }

  private static UpdateProductDetailsRequest update(String product, FieldMask.Builder mask) {
    return UpdateProductDetailsRequest.newBuilder()
        .setRequestId(Requests.requestId())
        .setProductId(product)
        .setName("New name")
        .setUpdateMask(mask)
        .build();
  }

  private static GrpcErrorDetails refusal(Runnable call) {
    return GrpcErrorDetails.of(catchThrowable(call::run));
  }
}
