package io.cqrsshop.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Any;
import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import io.cqrsshop.command.application.Transactions;
import io.cqrsshop.command.application.WriteModel;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.shared.Outcome;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every RPC refuses malformed input with INVALID_ARGUMENT, one violation per bad field. */
class CommandEndpointValidationTest {

  private static final String ID = UUID.randomUUID().toString();
  private static final String REQUEST = "req-1";

  private final AtomicInteger transactions = new AtomicInteger();
  private Server server;
  private ManagedChannel channel;
  private CommandServiceBlockingStub client;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    Transactions counting =
        new Transactions() {
          @Override
          public <R> Outcome<R> inTransaction(Function<WriteModel, Outcome<R>> work) {
            transactions.incrementAndGet();
            throw new IllegalStateException("no database in this test");
          }
        };
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new CommandEndpoint(counting, Clock.systemUTC()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    client = CommandServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void createProduct_everyFieldBad_namesEveryField() {
    assertThat(
            badFields(
                () ->
                    client.createProduct(
                        CreateProductRequest.newBuilder()
                            .setRequestId("bad id!")
                            .setSku("no spaces")
                            .setName(" ")
                            .setDescription("x".repeat(5001))
                            .setCategory("")
                            .setPrice(Money.newBuilder().setCurrencyCode("eu").setAmountMinor(-1))
                            .setInitialStock(-5)
                            .build())))
        .containsExactly(
            "request_id",
            "sku",
            "name",
            "description",
            "category",
            "price.currency_code",
            "price.amount_minor",
            "initial_stock");
    assertThat(transactions).hasValue(0);
  }

  @Test
  void createProduct_missingPriceAndRequestId_namesBoth() {
    assertThat(
            badFields(
                () ->
                    client.createProduct(
                        CreateProductRequest.newBuilder()
                            .setSku("SKU-1")
                            .setName("Lamp")
                            .setCategory("lighting")
                            .build())))
        .containsExactly("request_id", "price");
  }

  @Test
  void updateProductDetails_missingMask_isInvalidOnUpdateMask() {
    assertThat(
            badFields(
                () ->
                    client.updateProductDetails(
                        UpdateProductDetailsRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setProductId(ID)
                            .setName("Lamp")
                            .build())))
        .containsExactly("update_mask");
  }

  @Test
  void updateProductDetails_unknownPath_isInvalidOnUpdateMask() {
    assertThat(
            badFields(
                () ->
                    client.updateProductDetails(
                        UpdateProductDetailsRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setProductId(ID)
                            .setUpdateMask(FieldMask.newBuilder().addPaths("name").addPaths("sku"))
                            .setName("Lamp")
                            .build())))
        .containsExactly("update_mask");
  }

  @Test
  void updateProductDetails_maskedFieldsOnly_areValidated() {
    assertThat(
            badFields(
                () ->
                    client.updateProductDetails(
                        UpdateProductDetailsRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setProductId("nope")
                            .setExpectedVersion(0)
                            .setUpdateMask(FieldMask.newBuilder().addPaths("category"))
                            .setName("")
                            .setCategory(" padded")
                            .build())))
        .containsExactly("product_id", "expected_version", "category");
  }

  @Test
  void productCommands_badIdsAndNumbers_nameTheirFields() {
    assertThat(
            badFields(
                () ->
                    client.changeProductPrice(
                        ChangeProductPriceRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setProductId("1-2-3-4-5")
                            .build())))
        .containsExactly("product_id", "price");
    assertThat(
            badFields(
                () ->
                    client.adjustProductStock(
                        AdjustProductStockRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setProductId(ID)
                            .setDelta(0)
                            .setReason("r".repeat(201))
                            .build())))
        .containsExactly("delta", "reason");
    assertThat(
            badFields(
                () ->
                    client.discontinueProduct(
                        DiscontinueProductRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setExpectedVersion(-1)
                            .build())))
        .containsExactly("product_id", "expected_version");
  }

  @Test
  void userCommands_badFields_nameTheirFields() {
    assertThat(
            badFields(
                () ->
                    client.createUser(
                        CreateUserRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setEmail("not-an-address")
                            .setName("")
                            .build())))
        .containsExactly("email", "name");
    assertThat(
            badFields(
                () ->
                    client.renameUser(
                        RenameUserRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setUserId("x")
                            .setName("n".repeat(201))
                            .build())))
        .containsExactly("user_id", "name");
    assertThat(
            badFields(
                () ->
                    client.changeUserEmail(
                        ChangeUserEmailRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setUserId(ID)
                            .setEmail("a@b")
                            .build())))
        .containsExactly("email");
    assertThat(
            badFields(
                () ->
                    client.deleteUser(
                        DeleteUserRequest.newBuilder().setRequestId(REQUEST).build())))
        .containsExactly("user_id");
  }

  @Test
  void placeOrder_badLines_namesEachLineField() {
    assertThat(
            badFields(
                () ->
                    client.placeOrder(
                        PlaceOrderRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setCustomerId(ID)
                            .addLines(line(ID, 1))
                            .addLines(line("bad", 0))
                            .addLines(line(ID, 10_001))
                            .build())))
        .containsExactly(
            "lines[1].product_id", "lines[1].quantity", "lines[2].quantity", "lines[2].product_id");
  }

  @Test
  void placeOrder_noLinesOrTooMany_isInvalidOnLines() {
    assertThat(
            badFields(
                () ->
                    client.placeOrder(
                        PlaceOrderRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setCustomerId("")
                            .build())))
        .containsExactly("customer_id", "lines");
    PlaceOrderRequest.Builder many =
        PlaceOrderRequest.newBuilder().setRequestId(REQUEST).setCustomerId(ID);
    for (int i = 0; i < 101; i++) {
      many.addLines(line(UUID.randomUUID().toString(), 1));
    }
    assertThat(badFields(() -> client.placeOrder(many.build()))).containsExactly("lines");
  }

  @Test
  void orderCommands_badFields_nameTheirFields() {
    assertThat(
            badFields(
                () ->
                    client.cancelOrder(
                        CancelOrderRequest.newBuilder()
                            .setRequestId(REQUEST)
                            .setOrderId("")
                            .setReason("r".repeat(501))
                            .build())))
        .containsExactly("order_id", "reason");
    assertThat(
            badFields(
                () ->
                    client.shipOrder(
                        ShipOrderRequest.newBuilder()
                            .setRequestId("r".repeat(129))
                            .setOrderId(ID)
                            .build())))
        .containsExactly("request_id");
    assertThat(transactions).hasValue(0);
  }

  @Test
  void validRequest_reachesTheUseCase() {
    catchThrowable(
        () ->
            client.shipOrder(
                ShipOrderRequest.newBuilder().setRequestId(REQUEST).setOrderId(ID).build()));

    assertThat(transactions).hasValue(1);
  }

  private static PlaceOrderLine line(String productId, long quantity) {
    return PlaceOrderLine.newBuilder().setProductId(productId).setQuantity(quantity).build();
  }

  private static List<String> badFields(Runnable call) {
    Throwable failure = catchThrowable(call::run);
    assertThat(failure).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) failure).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    com.google.rpc.Status status = StatusProto.fromThrowable(failure);
    try {
      for (Any detail : status.getDetailsList()) {
        if (detail.is(BadRequest.class)) {
          return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
              .map(BadRequest.FieldViolation::getField)
              .toList();
        }
      }
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no BadRequest in " + status);
  }
}
