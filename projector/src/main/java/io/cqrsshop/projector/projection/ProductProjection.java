package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.readmodel.ProductDocument;

/** Maps a product's state to its catalog document. */
public final class ProductProjection {

  private ProductProjection() {}

  /** Whether the projector knows how to show this status; unknown ones are rejected upstream. */
  static boolean isKnown(ProductStatus status) {
    return status == ProductStatus.PRODUCT_STATUS_ACTIVE
        || status == ProductStatus.PRODUCT_STATUS_DISCONTINUED;
  }

  public static ProductDocument toDocument(ProductState product, long version) {
    boolean active = product.getStatus() == ProductStatus.PRODUCT_STATUS_ACTIVE;
    return new ProductDocument(
        product.getProductId(),
        product.getSku(),
        product.getName(),
        product.getDescription(),
        product.getCategory(),
        product.getPrice().getAmountMinor(),
        product.getPrice().getCurrencyCode(),
        product.getStock(),
        active ? ProductDocument.STATUS_ACTIVE : ProductDocument.STATUS_DISCONTINUED,
        active,
        active && product.getStock() > 0,
        version,
        Timestamps.instant(product.hasCreateTime(), product.getCreateTime()),
        Timestamps.instant(product.hasUpdateTime(), product.getUpdateTime()));
  }
}
