package io.cqrsshop.command.domain.product;

/** Whether a product can still be sold; discontinuing is final. */
public enum ProductStatus {
  ACTIVE,
  DISCONTINUED
}
