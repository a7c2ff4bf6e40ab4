package io.cqrsshop.command.application.product;

import io.cqrsshop.command.application.WriteModel;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.ProductRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The common shape of a command on one existing product: lock, decide, store, log. */
final class ProductChanges {

  private ProductChanges() {}

  static <E extends ProductEvent> Outcome<E> change(
      WriteModel model, RequestId requestId, UUID productId, Function<Product, Outcome<E>> decide) {
    return model
        .products()
        .lock(productId)
        .map(decide)
        .orElseGet(() -> Outcome.rejected(ProductRejections.notFound(productId)))
        .map(
            event -> {
              model.products().update(List.of(event.product()));
              model.events().append(List.of(event), requestId);
              return event;
            });
  }
}
