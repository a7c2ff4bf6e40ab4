package io.cqrsshop.command.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.Message;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.order.OrderReceipt;
import io.cqrsshop.command.application.product.StockReceipt;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CreateUserResponse;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.RenameUserResponse;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A repeat is answered with the first response, also when the release before this one stored it.
 */
class StoredResponsesTest {

  /** How the release before this one wrote a command's result, and read it. */
  private static final ObjectMapper EARLIER_RELEASE =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final AggregateVersion user =
      new AggregateVersion(AggregateType.USER, UUID.randomUUID(), 1);
  private final AggregateVersion product =
      new AggregateVersion(AggregateType.PRODUCT, UUID.randomUUID(), 7);
  private final AggregateVersion order =
      new AggregateVersion(AggregateType.ORDER, UUID.randomUUID(), 1);
  private final Receipt productReceipt = new Receipt(product, List.of(product));

  @Test
  void response_storedByThisRelease_isTheSameBytes() {
    byte[] response = RenameUserResponse.newBuilder().setVersion(3).build().toByteArray();

    assertThat(StoredResponses.response(StoredResponses.json(response))).isEqualTo(response);
  }

  @Test
  void response_receiptOfACreate_isTheCreateResponse() throws Exception {
    Receipt receipt = new Receipt(user, List.of(user));

    assertThat(StoredResponses.response(EARLIER_RELEASE.writeValueAsString(receipt)))
        .isEqualTo(
            CreateUserResponse.newBuilder()
                .setUserId(user.id().toString())
                .setVersion(1)
                .setConsistencyToken(receipt.consistencyToken())
                .build()
                .toByteArray());
  }

  @Test
  void response_receiptOfAChange_isTheReceiptOnlyResponse() throws Exception {
    AggregateVersion renamed = new AggregateVersion(AggregateType.USER, user.id(), 2);
    Receipt receipt = new Receipt(renamed, List.of(renamed));

    assertThat(StoredResponses.response(EARLIER_RELEASE.writeValueAsString(receipt)))
        .isEqualTo(
            RenameUserResponse.newBuilder()
                .setVersion(2)
                .setConsistencyToken(receipt.consistencyToken())
                .build()
                .toByteArray());
  }

  @Test
  void response_stockReceipt_isTheAdjustStockResponse() throws Exception {
    assertThat(
            StoredResponses.response(
                EARLIER_RELEASE.writeValueAsString(new StockReceipt(productReceipt, 8))))
        .isEqualTo(
            AdjustProductStockResponse.newBuilder()
                .setVersion(7)
                .setConsistencyToken(productReceipt.consistencyToken())
                .setStock(8)
                .build()
                .toByteArray());
  }

  @Test
  void response_orderReceipt_isThePlaceOrderResponse() throws Exception {
    assertThat(StoredResponses.response(EARLIER_RELEASE.writeValueAsString(orderReceipt())))
        .isEqualTo(orderResponse().build().toByteArray());
  }

  @Test
  void json_ofACreate_isReadByTheEarlierRelease() throws Exception {
    Receipt receipt = new Receipt(user, List.of(user));

    assertEarlierReleaseReads(
        CreateUserResponse.newBuilder()
            .setUserId(user.id().toString())
            .setVersion(1)
            .setConsistencyToken(receipt.consistencyToken()),
        receipt);
  }

  @Test
  void json_ofAChange_isReadByTheEarlierRelease() throws Exception {
    assertEarlierReleaseReads(
        RenameUserResponse.newBuilder()
            .setVersion(7)
            .setConsistencyToken(productReceipt.consistencyToken()),
        productReceipt);
  }

  @Test
  void json_ofAStockAdjustment_evenToZero_isReadByTheEarlierRelease() throws Exception {
    for (long stock : new long[] {0, 8}) {
      assertEarlierReleaseReads(
          AdjustProductStockResponse.newBuilder()
              .setVersion(7)
              .setConsistencyToken(productReceipt.consistencyToken())
              .setStock(stock),
          new StockReceipt(productReceipt, stock));
    }
  }

  @Test
  void json_ofAnOrder_isReadByTheEarlierRelease() throws Exception {
    assertEarlierReleaseReads(orderResponse(), orderReceipt());
  }

  /** The receipt of placing {@link #order}, over EUR 12.50 of {@link #product}. */
  private OrderReceipt orderReceipt() {
    return new OrderReceipt(new Receipt(order, List.of(order, product)), new Money("EUR", 1250));
  }

  /** The response that answers {@link #orderReceipt()}. */
  private PlaceOrderResponse.Builder orderResponse() {
    return PlaceOrderResponse.newBuilder()
        .setOrderId(order.id().toString())
        .setVersion(1)
        .setConsistencyToken(orderReceipt().receipt().consistencyToken())
        .setTotal(
            io.cqrsshop.proto.v1.Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(1250));
  }

  /** The release before this one reads what this one stores for {@code response} as expected. */
  private static void assertEarlierReleaseReads(Message.Builder response, Object expected)
      throws IOException {
    String stored = StoredResponses.json(response.build().toByteArray());

    assertThat(EARLIER_RELEASE.readValue(stored, expected.getClass())).isEqualTo(expected);
  }
}
