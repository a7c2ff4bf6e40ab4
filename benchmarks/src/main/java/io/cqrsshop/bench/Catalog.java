package io.cqrsshop.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The products and users the command mix works on. A few products have little stock, so that orders
 * meet INSUFFICIENT_STOCK now and then, as they do in a real shop.
 */
public record Catalog(List<String> productIds, List<String> userIds) {

  static final int PLENTIFUL_PRODUCTS = 38;
  static final int SCARCE_PRODUCTS = 2;
  static final int USERS = 20;
  static final long PLENTIFUL_STOCK = 1_000_000;
  static final long SCARCE_STOCK = 50;

  public Catalog {
    productIds = List.copyOf(productIds);
    userIds = List.copyOf(userIds);
  }

  public static Catalog seed(Seeder seeder, int parallelism) {
    int products = PLENTIFUL_PRODUCTS + SCARCE_PRODUCTS;
    List<Written> created =
        Seeder.many(
            products,
            parallelism,
            i ->
                i < SCARCE_PRODUCTS
                    ? seeder.product("scarce", SCARCE_STOCK)
                    : seeder.product("item", PLENTIFUL_STOCK));
    List<Written> users = Seeder.many(USERS, parallelism, i -> seeder.user());
    return new Catalog(
        created.stream().map(Written::id).toList(), users.stream().map(Written::id).toList());
  }

  public String anyProduct(SplittableRandom random) {
    return productIds.get(random.nextInt(productIds.size()));
  }

  public String anyUser(SplittableRandom random) {
    return userIds.get(random.nextInt(userIds.size()));
  }
}
