package io.cqrsshop.command.domain;

import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.User;
import java.time.Instant;
import java.util.UUID;

/** Small domain objects for tests. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  public static final Instant T1 = T0.plusSeconds(60);

  private Fixtures() {}

  public static Product product(long stock) {
    return product(stock, new Money("EUR", 1000));
  }

  public static Product product(long stock, Money price) {
    return Product.create(
            UUID.randomUUID(),
            new Sku("SKU-" + UUID.randomUUID().toString().substring(0, 6)),
            new ProductDetails("Lamp", "A desk lamp", "lighting"),
            price,
            stock,
            T0)
        .product();
  }

  public static User user() {
    return User.create(UUID.randomUUID(), new Email("ada@example.com"), "Ada", T0).user();
  }
}
