package io.cqrsshop.command.api;

import io.cqrsshop.command.api.CommandRpc.Work;
import io.cqrsshop.command.application.product.AdjustingProductStock;
import io.cqrsshop.command.application.product.AdjustingProductStock.AdjustProductStock;
import io.cqrsshop.command.application.product.ChangingProductPrice;
import io.cqrsshop.command.application.product.ChangingProductPrice.ChangeProductPrice;
import io.cqrsshop.command.application.product.CreatingProduct;
import io.cqrsshop.command.application.product.CreatingProduct.CreateProduct;
import io.cqrsshop.command.application.product.DiscontinuingProduct;
import io.cqrsshop.command.application.product.DiscontinuingProduct.DiscontinueProduct;
import io.cqrsshop.command.application.product.ReactivatingProduct;
import io.cqrsshop.command.application.product.ReactivatingProduct.ReactivateProduct;
import io.cqrsshop.command.application.product.UpdatingProductDetails;
import io.cqrsshop.command.application.product.UpdatingProductDetails.UpdateProductDetails;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.domain.product.StockDelta;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.DiscontinueProductResponse;
import io.cqrsshop.proto.v1.ReactivateProductRequest;
import io.cqrsshop.proto.v1.ReactivateProductResponse;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsResponse;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The product RPCs, one endpoint method each: it reads the request through the generated getters
 * into a typed command, hands it to the use case named for the act, and builds the response.
 */
final class ProductCommands {

  private final CreatingProduct creating = new CreatingProduct();
  private final UpdatingProductDetails updatingDetails = new UpdatingProductDetails();
  private final ChangingProductPrice changingPrice = new ChangingProductPrice();
  private final AdjustingProductStock adjustingStock = new AdjustingProductStock();
  private final DiscontinuingProduct discontinuing = new DiscontinuingProduct();
  private final ReactivatingProduct reactivating = new ReactivatingProduct();

  List<CommandRpc<?, ?>> all() {
    return List.of(
        CommandRpc.of(
                CommandServiceGrpc.getCreateProductMethod(),
                CreateProductRequest::getRequestId,
                this::createProduct)
            .freeText("description"),
        CommandRpc.of(
                CommandServiceGrpc.getUpdateProductDetailsMethod(),
                UpdateProductDetailsRequest::getRequestId,
                this::updateProductDetails)
            .freeText("description"),
        CommandRpc.of(
            CommandServiceGrpc.getChangeProductPriceMethod(),
            ChangeProductPriceRequest::getRequestId,
            this::changeProductPrice),
        CommandRpc.of(
                CommandServiceGrpc.getAdjustProductStockMethod(),
                AdjustProductStockRequest::getRequestId,
                this::adjustProductStock)
            .freeText("reason"),
        CommandRpc.of(
            CommandServiceGrpc.getDiscontinueProductMethod(),
            DiscontinueProductRequest::getRequestId,
            this::discontinueProduct),
        CommandRpc.of(
            CommandServiceGrpc.getReactivateProductMethod(),
            ReactivateProductRequest::getRequestId,
            this::reactivateProduct));
  }

  /** Registers a product under a SKU that no other product has. */
  private Work<CreateProductResponse> createProduct(
      CreateProductRequest request, Violations violations) {
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
    return tx ->
        creating
            .handle(
                new CreateProduct(
                    sku.orElseThrow(),
                    new ProductDetails(
                        name.orElseThrow(), description.orElseThrow(), category.orElseThrow()),
                    price.orElseThrow(),
                    stock.orElseThrow()),
                tx)
            .map(
                receipt ->
                    CreateProductResponse.newBuilder()
                        .setProductId(receipt.written().id().toString())
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Changes the details of an active product that the client named in its update mask. */
  private Work<UpdateProductDetailsResponse> updateProductDetails(
      UpdateProductDetailsRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<DetailsUpdate> update = UpdateMasks.detailsUpdate(request, violations);
    return tx ->
        updatingDetails
            .handle(
                new UpdateProductDetails(
                    id.orElseThrow(), expected.orElseThrow(), update.orElseThrow()),
                tx)
            .map(
                receipt ->
                    UpdateProductDetailsResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Sets the price of an active product; orders placed earlier keep the price they captured. */
  private Work<ChangeProductPriceResponse> changeProductPrice(
      ChangeProductPriceRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Money> price =
        Fields.price(request.hasPrice(), request.getPrice(), "price", violations);
    return tx ->
        changingPrice
            .handle(
                new ChangeProductPrice(
                    id.orElseThrow(), expected.orElseThrow(), price.orElseThrow()),
                tx)
            .map(
                receipt ->
                    ChangeProductPriceResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Restocks or corrects a product's stock; the response says the stock after it. */
  private Work<AdjustProductStockResponse> adjustProductStock(
      AdjustProductStockRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Long> delta = StockDelta.adjustment(request.getDelta(), "delta", violations);
    Optional<String> reason = Text.upTo(request.getReason(), "reason", 200, violations);
    return tx ->
        adjustingStock
            .handle(
                new AdjustProductStock(
                    id.orElseThrow(),
                    expected.orElseThrow(),
                    delta.orElseThrow(),
                    reason.orElseThrow()),
                tx)
            .map(
                adjusted ->
                    AdjustProductStockResponse.newBuilder()
                        .setVersion(adjusted.receipt().version())
                        .setConsistencyToken(adjusted.receipt().consistencyToken())
                        .setStock(adjusted.stock())
                        .build());
  }

  /** Takes a product off sale. */
  private Work<DiscontinueProductResponse> discontinueProduct(
      DiscontinueProductRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        discontinuing
            .handle(new DiscontinueProduct(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    DiscontinueProductResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Puts a discontinued product back on sale. */
  private Work<ReactivateProductResponse> reactivateProduct(
      ReactivateProductRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        Fields.expectedVersion(
            request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        reactivating
            .handle(new ReactivateProduct(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    ReactivateProductResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }
}
