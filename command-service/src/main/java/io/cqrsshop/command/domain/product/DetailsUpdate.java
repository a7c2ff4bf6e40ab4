package io.cqrsshop.command.domain.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The details a client chose to change (its update mask); the others stay as they are. */
public record DetailsUpdate(
    Optional<String> name, Optional<String> description, Optional<String> category) {

  /** The fields of {@code before} this update actually changes, in a fixed order. */
  List<String> changedFields(ProductDetails before) {
    List<String> changed = new ArrayList<>();
    name.filter(value -> !value.equals(before.name())).ifPresent(value -> changed.add("name"));
    description
        .filter(value -> !value.equals(before.description()))
        .ifPresent(value -> changed.add("description"));
    category
        .filter(value -> !value.equals(before.category()))
        .ifPresent(value -> changed.add("category"));
    return List.copyOf(changed);
  }
}
