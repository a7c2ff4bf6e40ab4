package io.cqrsshop.command;

import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import java.util.UUID;

/** Small factories of valid requests for tests. */
final class Requests {

  private Requests() {}

  static String requestId() {
    return "test-" + UUID.randomUUID();
  }

  static Money eur(long cents) {
    return Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(cents).build();
  }

  static AdjustProductStockRequest adjustStock(String productId, long delta) {
    return AdjustProductStockRequest.newBuilder()
        .setRequestId(requestId())
        .setProductId(productId)
        .setDelta(delta)
        .build();
  }

  static CreateProductRequest product(long stock) {
    String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    return CreateProductRequest.newBuilder()
        .setRequestId(requestId())
        .setSku(sku)
        .setName("Product " + sku)
        .setDescription("A product for tests")
        .setCategory("tests")
        .setPrice(eur(1250))
        .setInitialStock(stock)
        .build();
  }

  static CreateUserRequest user(String email) {
    return CreateUserRequest.newBuilder()
        .setRequestId(requestId())
        .setEmail(email)
        .setName("Test User")
        .build();
  }

  static String email() {
    return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static PlaceOrderRequest order(String customerId, String productId, long quantity) {
    return PlaceOrderRequest.newBuilder()
        .setRequestId(requestId())
        .setCustomerId(customerId)
        .addLines(PlaceOrderLine.newBuilder().setProductId(productId).setQuantity(quantity))
        .build();
  }

  static DiscontinueProductRequest discontinue(String productId) {
    return DiscontinueProductRequest.newBuilder()
        .setRequestId(requestId())
        .setProductId(productId)
        .build();
  }
}
