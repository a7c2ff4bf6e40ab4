package io.cqrsshop.command.api;

import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.order.OrderReceipt;
import io.cqrsshop.command.application.product.StockReceipt;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CancelOrderResponse;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.cqrsshop.proto.v1.ChangeUserEmailResponse;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.CreateUserResponse;
import io.cqrsshop.proto.v1.DeleteUserResponse;
import io.cqrsshop.proto.v1.DiscontinueProductResponse;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.RenameUserResponse;
import io.cqrsshop.proto.v1.ShipOrderResponse;
import io.cqrsshop.proto.v1.UpdateProductDetailsResponse;
import io.cqrsshop.shared.ConsistencyToken;

/**
 * Responses built from receipts; a repeated command rebuilds the very same response from its stored
 * receipt.
 */
final class Responses {

  private Responses() {}

  static CreateProductResponse createProduct(Receipt receipt) {
    return CreateProductResponse.newBuilder()
        .setProductId(receipt.written().id().toString())
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static UpdateProductDetailsResponse updateProductDetails(Receipt receipt) {
    return UpdateProductDetailsResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static ChangeProductPriceResponse changeProductPrice(Receipt receipt) {
    return ChangeProductPriceResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static AdjustProductStockResponse adjustProductStock(StockReceipt receipt) {
    return AdjustProductStockResponse.newBuilder()
        .setVersion(receipt.receipt().written().version())
        .setConsistencyToken(token(receipt.receipt()))
        .setStock(receipt.stock())
        .build();
  }

  static DiscontinueProductResponse discontinueProduct(Receipt receipt) {
    return DiscontinueProductResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static CreateUserResponse createUser(Receipt receipt) {
    return CreateUserResponse.newBuilder()
        .setUserId(receipt.written().id().toString())
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static RenameUserResponse renameUser(Receipt receipt) {
    return RenameUserResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static ChangeUserEmailResponse changeUserEmail(Receipt receipt) {
    return ChangeUserEmailResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static DeleteUserResponse deleteUser(Receipt receipt) {
    return DeleteUserResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static PlaceOrderResponse placeOrder(OrderReceipt receipt) {
    return PlaceOrderResponse.newBuilder()
        .setOrderId(receipt.receipt().written().id().toString())
        .setVersion(receipt.receipt().written().version())
        .setConsistencyToken(token(receipt.receipt()))
        .setTotal(
            Money.newBuilder()
                .setCurrencyCode(receipt.total().currencyCode())
                .setAmountMinor(receipt.total().amountMinor()))
        .build();
  }

  static CancelOrderResponse cancelOrder(Receipt receipt) {
    return CancelOrderResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  static ShipOrderResponse shipOrder(Receipt receipt) {
    return ShipOrderResponse.newBuilder()
        .setVersion(receipt.written().version())
        .setConsistencyToken(token(receipt))
        .build();
  }

  private static String token(Receipt receipt) {
    return new ConsistencyToken(receipt.writes()).encode();
  }
}
