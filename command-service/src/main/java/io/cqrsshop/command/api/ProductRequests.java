package io.cqrsshop.command.api;

import io.cqrsshop.command.application.product.AdjustProductStock;
import io.cqrsshop.command.application.product.ChangeProductPrice;
import io.cqrsshop.command.application.product.CreateProduct;
import io.cqrsshop.command.application.product.DiscontinueProduct;
import io.cqrsshop.command.application.product.UpdateProductDetails;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.domain.product.StockDelta;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Validates product requests field by field and turns them into commands. */
final class ProductRequests {

  private ProductRequests() {}

  static Supplier<CreateProduct> create(CreateProductRequest request, Violations violations) {
    Optional<Sku> sku = Sku.parse(request.getSku(), "sku", violations);
    Optional<String> name = ProductDetails.name(request.getName(), "name", violations);
    Optional<String> description =
        ProductDetails.description(request.getDescription(), "description", violations);
    Optional<String> category =
        ProductDetails.category(request.getCategory(), "category", violations);
    Optional<Money> price =
        Fields.price(request.hasPrice(), request.getPrice(), "price", violations);
    Optional<Long> stock =
        StockDelta.initialStock(request.getInitialStock(), "initial_stock", violations);
    return () ->
        new CreateProduct(
            sku.orElseThrow(),
            new ProductDetails(
                name.orElseThrow(), description.orElseThrow(), category.orElseThrow()),
            price.orElseThrow(),
            stock.orElseThrow());
  }

  static Supplier<UpdateProductDetails> updateDetails(
      UpdateProductDetailsRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<DetailsUpdate> update = UpdateMasks.detailsUpdate(request, violations);
    return () ->
        new UpdateProductDetails(id.orElseThrow(), expected.orElseThrow(), update.orElseThrow());
  }

  static Supplier<ChangeProductPrice> changePrice(
      ChangeProductPriceRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Money> price =
        Fields.price(request.hasPrice(), request.getPrice(), "price", violations);
    return () ->
        new ChangeProductPrice(id.orElseThrow(), expected.orElseThrow(), price.orElseThrow());
  }

  static Supplier<AdjustProductStock> adjustStock(
      AdjustProductStockRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Long> delta = StockDelta.adjustment(request.getDelta(), "delta", violations);
    Optional<String> reason = Text.upTo(request.getReason(), "reason", 200, violations);
    return () ->
        new AdjustProductStock(
            id.orElseThrow(), expected.orElseThrow(), delta.orElseThrow(), reason.orElseThrow());
  }

  static Supplier<DiscontinueProduct> discontinue(
      DiscontinueProductRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return () -> new DiscontinueProduct(id.orElseThrow(), expected.orElseThrow());
  }
}
