package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.FindProductBySkuResponse;
import io.cqrsshop.proto.v1.GetProductResponse;
import io.cqrsshop.proto.v1.Product;
import io.cqrsshop.proto.v1.ProductStatus;
import io.cqrsshop.proto.v1.SearchProductsResponse;
import io.cqrsshop.proto.v1.WatchProductResponse;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.Rejection;
import java.util.Map;

/** Maps product documents to the catalog view. */
final class ProductViews {

  private ProductViews() {}

  /** GetProduct's answer when there is no product with the id. */
  static Rejection notFound(String productId) {
    return new Rejection.NotFound(
        "PRODUCT_NOT_FOUND", "no product with id " + productId, Map.of("product_id", productId));
  }

  static GetProductResponse getResponse(ProductDocument product) {
    return GetProductResponse.newBuilder().setProduct(product(product)).build();
  }

  static FindProductBySkuResponse findBySkuResponse(ProductDocument product) {
    return FindProductBySkuResponse.newBuilder().setProduct(product(product)).build();
  }

  /** FindProductBySku's answer when no product has the SKU. */
  static Rejection noSuchSku(String sku) {
    return new Rejection.NotFound(
        "PRODUCT_NOT_FOUND", "no product with SKU " + sku, Map.of("sku", sku));
  }

  static WatchProductResponse watchResponse(ProductDocument product) {
    return WatchProductResponse.newBuilder()
        .setProduct(product(product))
        .setConsistencyToken(
            WatchTarget.token(AggregateType.PRODUCT, product.productId(), product.version()))
        .build();
  }

  static SearchProductsResponse searchResponse(
      Page<ProductDocument> page, PageTokens pageTokens, String fingerprint) {
    Page.Total total = page.total().orElse(new Page.Total(page.items().size(), false));
    SearchProductsResponse.Builder response =
        SearchProductsResponse.newBuilder()
            .setTotalSize(total.count())
            .setTotalSizeIsLowerBound(total.atLeast());
    page.items().forEach(product -> response.addProducts(product(product)));
    page.next().ifPresent(next -> response.setNextPageToken(pageTokens.encode(next, fingerprint)));
    return response.build();
  }

  static Product product(ProductDocument document) {
    Product.Builder product =
        Product.newBuilder()
            .setProductId(document.productId())
            .setSku(ProtoValues.text(document.sku()))
            .setName(ProtoValues.text(document.name()))
            .setDescription(ProtoValues.text(document.description()))
            .setCategory(ProtoValues.text(document.category()))
            .setPrice(ProtoValues.money(document.currency(), document.priceMinor()))
            .setStock(document.stock())
            .setStatus(status(document.status()))
            .setAvailable(document.available())
            .setVersion(document.version());
    ProtoValues.timestamp(document.createdAt()).ifPresent(product::setCreateTime);
    ProtoValues.timestamp(document.updatedAt()).ifPresent(product::setUpdateTime);
    return product.build();
  }

  private static ProductStatus status(String status) {
    return switch (ProtoValues.text(status)) {
      case ProductDocument.STATUS_ACTIVE -> ProductStatus.PRODUCT_STATUS_ACTIVE;
      case ProductDocument.STATUS_DISCONTINUED -> ProductStatus.PRODUCT_STATUS_DISCONTINUED;
      default -> ProductStatus.PRODUCT_STATUS_UNSPECIFIED;
    };
  }
}
