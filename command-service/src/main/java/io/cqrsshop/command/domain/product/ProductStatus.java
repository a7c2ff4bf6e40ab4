package io.cqrsshop.command.domain.product;

/** Whether a product can be sold; a discontinued product can be reactivated. */
public enum ProductStatus {
  ACTIVE,
  DISCONTINUED
}
