package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.FieldMask;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.ReactivateProductRequest;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Business refusals reach clients with the documented status codes, reasons and metadata. */
class CommandRejectionsIT {

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceBlockingStub client = stack.client();

  @Test
  void changePrice_staleExpectedVersion_isAbortedAndWritesNothing() {
    String product = client.createProduct(Requests.product(1)).getProductId();
    long events = stack.count("SELECT count(*) FROM events");

    GrpcErrorDetails details =
        refusal(
            () ->
                client.changeProductPrice(
                    ChangeProductPriceRequest.newBuilder()
                        .setRequestId(Requests.requestId())
                        .setProductId(product)
                        .setExpectedVersion(2)
                        .setPrice(Requests.eur(1))
                        .build()));

    assertThat(details.code()).isEqualTo(Status.Code.ABORTED);
    assertThat(details.reason()).isEqualTo("VERSION_CONFLICT");
    assertThat(details.info().orElseThrow().getMetadataMap())
        .containsEntry("expected_version", "2")
        .containsEntry("actual_version", "1");
    assertThat(stack.count("SELECT count(*) FROM events")).isEqualTo(events);
    assertThat(stack.count("SELECT version FROM products WHERE id = '" + product + "'"))
        .isEqualTo(1);
    assertThat(stack.count("SELECT count(*) FROM command_requests WHERE result IS NULL")).isZero();
  }

  @Test
  void matchingExpectedVersion_isAccepted() {
    String product = client.createProduct(Requests.product(1)).getProductId();

    assertThat(
            client
                .changeProductPrice(
                    ChangeProductPriceRequest.newBuilder()
                        .setRequestId(Requests.requestId())
                        .setProductId(product)
                        .setExpectedVersion(1)
                        .setPrice(Requests.eur(1))
                        .build())
                .getVersion())
        .isEqualTo(2);
  }

  @Test
  void createProduct_takenSku_isAlreadyExists() {
    CreateProductRequest first = Requests.product(1);
    client.createProduct(first);

    GrpcErrorDetails details =
        refusal(
            () ->
                client.createProduct(first.toBuilder().setRequestId(Requests.requestId()).build()));

    assertThat(details.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(details.reason()).isEqualTo("SKU_ALREADY_EXISTS");
  }

  @Test
  void unknownAggregates_areNotFound() {
    String unknown = UUID.randomUUID().toString();

    assertNotFound(
        () ->
            client.discontinueProduct(
                DiscontinueProductRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setProductId(unknown)
                    .build()),
        "PRODUCT_NOT_FOUND");
    assertNotFound(
        () ->
            client.renameUser(
                RenameUserRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setUserId(unknown)
                    .setName("x")
                    .build()),
        "USER_NOT_FOUND");
    assertNotFound(
        () ->
            client.shipOrder(
                ShipOrderRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setOrderId(unknown)
                    .build()),
        "ORDER_NOT_FOUND");
    assertNotFound(
        () -> client.placeOrder(Requests.order(unknown, unknown, 1)), "CUSTOMER_NOT_FOUND");
  }

  @Test
  void reactivateProduct_activeOrUnknown_isRefusedWithItsReason() {
    String product = client.createProduct(Requests.product(1)).getProductId();

    assertRule(() -> client.reactivateProduct(reactivate(product)), "PRODUCT_ALREADY_ACTIVE");
    assertNotFound(
        () -> client.reactivateProduct(reactivate(UUID.randomUUID().toString())),
        "PRODUCT_NOT_FOUND");
  }

  private static ReactivateProductRequest reactivate(String product) {
    return ReactivateProductRequest.newBuilder()
        .setRequestId(Requests.requestId())
        .setProductId(product)
        .build();
  }

  @Test
  void discontinuedProduct_refusesEditsAndOrdersButNotStockCorrections() {
    String product = client.createProduct(Requests.product(5)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    client.discontinueProduct(
        DiscontinueProductRequest.newBuilder()
            .setRequestId(Requests.requestId())
            .setProductId(product)
            .build());

    assertRule(
        () ->
            client.updateProductDetails(
                UpdateProductDetailsRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setProductId(product)
                    .setName("New")
                    .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                    .build()),
        "PRODUCT_DISCONTINUED");
    assertRule(
        () -> client.placeOrder(Requests.order(customer, product, 1)), "PRODUCT_DISCONTINUED");
    assertThat(
            client
                .adjustProductStock(
                    AdjustProductStockRequest.newBuilder()
                        .setRequestId(Requests.requestId())
                        .setProductId(product)
                        .setDelta(-5)
                        .setReason("written off")
                        .build())
                .getStock())
        .isZero();
  }

  @Test
  void placeOrder_lineProblems_nameTheLineAndProduct() {
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    String euros = client.createProduct(Requests.product(2)).getProductId();
    String dollars =
        client
            .createProduct(
                Requests.product(2).toBuilder()
                    .setPrice(Money.newBuilder().setCurrencyCode("USD").setAmountMinor(100))
                    .build())
            .getProductId();
    String missing = UUID.randomUUID().toString();

    GrpcErrorDetails notFound =
        refusal(() -> client.placeOrder(order(customer, line(euros, 1), line(missing, 1))));
    GrpcErrorDetails tooFew = refusal(() -> client.placeOrder(order(customer, line(euros, 3))));
    GrpcErrorDetails currencies =
        refusal(() -> client.placeOrder(order(customer, line(euros, 1), line(dollars, 1))));

    assertThat(notFound.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(notFound.reason()).isEqualTo("PRODUCT_NOT_FOUND");
    assertThat(notFound.info().orElseThrow().getMetadataMap())
        .containsEntry("line_index", "1")
        .containsEntry("product_id", missing);
    assertThat(tooFew.reason()).isEqualTo("INSUFFICIENT_STOCK");
    assertThat(tooFew.info().orElseThrow().getMetadataMap())
        .containsEntry("line_index", "0")
        .containsEntry("requested", "3")
        .containsEntry("available", "2");
    assertThat(currencies.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(currencies.reason()).isEqualTo("CURRENCY_MISMATCH");
    assertThat(stack.count("SELECT stock FROM products WHERE id = '" + euros + "'")).isEqualTo(2);
  }

  @Test
  void placeOrder_deletedCustomer_isRefused() {
    String product = client.createProduct(Requests.product(2)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    client.deleteUser(
        DeleteUserRequest.newBuilder()
            .setRequestId(Requests.requestId())
            .setUserId(customer)
            .build());

    assertRule(() -> client.placeOrder(Requests.order(customer, product, 1)), "CUSTOMER_DELETED");
    assertNotFound(
        () ->
            client.deleteUser(
                DeleteUserRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setUserId(customer)
                    .build()),
        "USER_NOT_FOUND");
  }

  @Test
  void shippedOrder_refusesShippingAndCancelling() {
    String product = client.createProduct(Requests.product(2)).getProductId();
    String customer = client.createUser(Requests.user(Requests.email())).getUserId();
    String order = client.placeOrder(Requests.order(customer, product, 1)).getOrderId();
    client.shipOrder(
        ShipOrderRequest.newBuilder().setRequestId(Requests.requestId()).setOrderId(order).build());

    assertRule(
        () ->
            client.shipOrder(
                ShipOrderRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setOrderId(order)
                    .build()),
        "ORDER_ALREADY_SHIPPED");
    assertRule(
        () ->
            client.cancelOrder(
                CancelOrderRequest.newBuilder()
                    .setRequestId(Requests.requestId())
                    .setOrderId(order)
                    .build()),
        "ORDER_ALREADY_SHIPPED");
  }

  @Test
  void changeUserEmail_keepsTheHistoryInTheEvent() {
    String user = client.createUser(Requests.user("first@example.com")).getUserId();

    client.changeUserEmail(
        ChangeUserEmailRequest.newBuilder()
            .setRequestId(Requests.requestId())
            .setUserId(user)
            .setEmail("second@example.com")
            .build());

    List<byte[]> payloads = stack.eventPayloads(user);
    assertThat(payloads).hasSize(2);
    EventEnvelope changed = envelope(payloads.get(1));
    assertThat(changed.getUserEmailChanged().getOldEmail()).isEqualTo("first@example.com");
    assertThat(changed.getUserEmailChanged().getUser().getEmailHistoryList())
        .extracting(entry -> entry.getEmail())
        .containsExactly("first@example.com", "second@example.com");
  }

  private static PlaceOrderRequest order(String customer, PlaceOrderLine... lines) {
    return PlaceOrderRequest.newBuilder()
        .setRequestId(Requests.requestId())
        .setCustomerId(customer)
        .addAllLines(java.util.List.of(lines))
        .build();
  }

  private static PlaceOrderLine line(String product, long quantity) {
    return PlaceOrderLine.newBuilder().setProductId(product).setQuantity(quantity).build();
  }

  private static GrpcErrorDetails refusal(Runnable call) {
    return GrpcErrorDetails.of(catchThrowable(call::run));
  }

  private static void assertNotFound(Runnable call, String reason) {
    GrpcErrorDetails details = refusal(call);
    assertThat(details.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(details.reason()).isEqualTo(reason);
  }

  private static void assertRule(Runnable call, String reason) {
    GrpcErrorDetails details = refusal(call);
    assertThat(details.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(details.reason()).isEqualTo(reason);
  }

  private static EventEnvelope envelope(byte[] payload) {
    try {
      return EventEnvelope.parseFrom(payload);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
