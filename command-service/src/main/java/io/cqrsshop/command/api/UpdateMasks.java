package io.cqrsshop.command.api;

import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.shared.Excerpt;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code update_mask} of UpdateProductDetails: it must name at least one of the updatable
 * fields and nothing else, and only the fields it names are checked and changed.
 */
final class UpdateMasks {

  private static final List<String> UPDATABLE = List.of("name", "description", "category");
  private static final int QUOTED_PATH_LENGTH = 40;

  private UpdateMasks() {}

  static Optional<DetailsUpdate> detailsUpdate(
      UpdateProductDetailsRequest request, Violations violations) {
    List<String> paths = request.getUpdateMask().getPathsList();
    if (paths.isEmpty()) {
      violations.add("update_mask", "is required and must name some of " + UPDATABLE);
      return Optional.empty();
    }
    List<String> unknown = paths.stream().filter(path -> !UPDATABLE.contains(path)).toList();
    if (!unknown.isEmpty()) {
      // Quote one path, cut: the mask is client input of any size.
      String more = unknown.size() > 1 ? " and " + (unknown.size() - 1) + " more" : "";
      violations.add(
          "update_mask",
          "unknown path "
              + Excerpt.quote(unknown.getFirst(), QUOTED_PATH_LENGTH)
              + more
              + "; updatable are "
              + UPDATABLE);
      return Optional.empty();
    }
    Set<String> chosen = Set.copyOf(paths);
    Optional<String> name = Optional.empty();
    Optional<String> description = Optional.empty();
    Optional<String> category = Optional.empty();
    boolean valid = true;
    if (chosen.contains("name")) {
      name = ProductDetails.name(request.getName(), "name", violations);
      valid &= name.isPresent();
    }
    if (chosen.contains("description")) {
      description = ProductDetails.description(request.getDescription(), "description", violations);
      valid &= description.isPresent();
    }
    if (chosen.contains("category")) {
      category = ProductDetails.category(request.getCategory(), "category", violations);
      valid &= category.isPresent();
    }
    return valid ? Optional.of(new DetailsUpdate(name, description, category)) : Optional.empty();
  }
}
