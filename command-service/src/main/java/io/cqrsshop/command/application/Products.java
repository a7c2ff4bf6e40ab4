package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.product.Product;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The stored products. Locks are held until the transaction ends. */
public interface Products {

  /** Stores a new product; false (and nothing stored) when its SKU is taken. */
  boolean add(Product product);

  /** The product, locked against concurrent changes. */
  Optional<Product> lock(UUID id);

  /**
   * The products that exist among {@code ids}, locked in id order so that two transactions locking
   * overlapping sets cannot deadlock.
   */
  Map<UUID, Product> lockAll(Collection<UUID> ids);

  /** Stores new states of locked products. */
  void update(List<Product> products);
}
