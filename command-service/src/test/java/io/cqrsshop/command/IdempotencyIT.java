package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.product.StockReceipt;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request id stands for one command: repeats get the first answer and change nothing. */
class IdempotencyIT {

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceBlockingStub client = stack.client();

  @Test
  void createProduct_sameRequestRacingFromManyThreads_hasOneEffectAndOneAnswer() {
    CreateProductRequest request = Requests.product(3);

    List<Race.Attempt<CreateProductResponse>> attempts =
        Race.run(8, racer -> client.createProduct(request));

    assertThat(attempts).allMatch(Race.Attempt::succeeded);
    assertThat(attempts.stream().map(Race.Attempt::value).distinct()).hasSize(1);
    String product = attempts.getFirst().value().getProductId();
    assertThat(stack.count("SELECT count(*) FROM products WHERE sku = '" + request.getSku() + "'"))
        .isEqualTo(1);
    assertThat(stack.count("SELECT count(*) FROM events WHERE aggregate_id = '" + product + "'"))
        .isEqualTo(1);
  }

  @Test
  void adjustStock_repeatedAfterLaterChanges_returnsTheOriginalAnswer() {
    String product = client.createProduct(Requests.product(10)).getProductId();
    AdjustProductStockRequest take = Requests.adjustStock(product, -2);
    AdjustProductStockResponse first = client.adjustProductStock(take);
    client.adjustProductStock(Requests.adjustStock(product, 5));

    AdjustProductStockResponse repeated = client.adjustProductStock(take);

    assertThat(repeated).isEqualTo(first);
    assertThat(repeated.getStock()).isEqualTo(8);
    assertThat(stack.count("SELECT stock FROM products WHERE id = '" + product + "'"))
        .isEqualTo(13);
  }

  @Test
  void adjustStock_repeatOfACommandTheEarlierReleaseAnswered_returnsTheOriginalAnswer()
      throws Exception {
    String product = client.createProduct(Requests.product(10)).getProductId();
    AdjustProductStockRequest take = Requests.adjustStock(product, -2);
    AdjustProductStockResponse first = client.adjustProductStock(take);
    // The release before this one stored the JSON of its result record instead of the response.
    AggregateVersion adjusted =
        new AggregateVersion(AggregateType.PRODUCT, UUID.fromString(product), 2);
    String earlier =
        new ObjectMapper()
            .writeValueAsString(new StockReceipt(new Receipt(adjusted, List.of(adjusted)), 8));
    stack
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE command_requests SET result = CAST(:result AS jsonb)"
                            + " WHERE request_id = :id")
                    .bind("result", earlier)
                    .bind("id", take.getRequestId())
                    .execute());

    assertThat(client.adjustProductStock(take)).isEqualTo(first);
  }

  @Test
  void sameRequestId_differentFieldsOrRpc_isRequestIdReused() {
    String product = client.createProduct(Requests.product(10)).getProductId();
    AdjustProductStockRequest take = Requests.adjustStock(product, -2);
    client.adjustProductStock(take);

    Throwable otherDelta =
        catchThrowable(() -> client.adjustProductStock(take.toBuilder().setDelta(-3).build()));
    Throwable otherRpc =
        catchThrowable(
            () ->
                client.discontinueProduct(
                    DiscontinueProductRequest.newBuilder()
                        .setRequestId(take.getRequestId())
                        .setProductId(product)
                        .build()));

    for (Throwable failure : List.of(otherDelta, otherRpc)) {
      GrpcErrorDetails details = GrpcErrorDetails.of(failure);
      assertThat(details.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
      assertThat(details.reason()).isEqualTo("REQUEST_ID_REUSED");
    }
    assertThat(stack.count("SELECT stock FROM products WHERE id = '" + product + "'")).isEqualTo(8);
  }

  @Test
  void refusedCommand_isNotRemembered_soItsRetrySucceedsOnceTheCauseIsFixed() {
    String product = client.createProduct(Requests.product(1)).getProductId();
    AdjustProductStockRequest takeThree = Requests.adjustStock(product, -3);
    assertThat(
            GrpcErrorDetails.of(catchThrowable(() -> client.adjustProductStock(takeThree)))
                .reason())
        .isEqualTo("INSUFFICIENT_STOCK");

    client.adjustProductStock(Requests.adjustStock(product, 5));

    assertThat(client.adjustProductStock(takeThree).getStock()).isEqualTo(3);
  }
}
