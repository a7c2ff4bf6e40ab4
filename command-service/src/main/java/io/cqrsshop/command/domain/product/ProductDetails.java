package io.cqrsshop.command.domain.product;

import io.cqrsshop.command.domain.Text;
import io.cqrsshop.shared.Violations;
import java.util.Optional;

/** What a shopper reads about a product: its name, description and category. */
public record ProductDetails(String name, String description, String category) {

  public static Optional<String> name(String raw, String field, Violations violations) {
    return Text.singleLine(raw, field, 1, 200, violations);
  }

  public static Optional<String> description(String raw, String field, Violations violations) {
    return Text.upTo(raw, field, 5000, violations);
  }

  public static Optional<String> category(String raw, String field, Violations violations) {
    return Text.singleLine(raw, field, 1, 100, violations);
  }

  /** These details with {@code update} applied. */
  ProductDetails with(DetailsUpdate update) {
    return new ProductDetails(
        update.name().orElse(name),
        update.description().orElse(description),
        update.category().orElse(category));
  }
}
