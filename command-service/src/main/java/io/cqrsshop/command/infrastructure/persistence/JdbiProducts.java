package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.Products;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.ProductStatus;
import io.cqrsshop.command.domain.product.Sku;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Products in the {@code products} table. */
final class JdbiProducts implements Products {

  private static final String COLUMNS =
      "id, sku, name, description, category, price_currency, price_minor, stock, status,"
          + " created_at, updated_at, version";

  private final Handle handle;
  private final DeferredWrites deferred;

  JdbiProducts(Handle handle, DeferredWrites deferred) {
    this.handle = handle;
    this.deferred = deferred;
  }

  @Override
  public boolean add(Product product) {
    return handle
            .createUpdate(
                "INSERT INTO products ("
                    + COLUMNS
                    + ") VALUES (:id, :sku, :name, :description, :category, :price_currency,"
                    + " :price_minor, :stock, :status, :created_at, :updated_at, :version)"
                    + " ON CONFLICT DO NOTHING")
            .bind("id", product.id())
            .bind("sku", product.sku().value())
            .bind("name", product.details().name())
            .bind("description", product.details().description())
            .bind("category", product.details().category())
            .bind("price_currency", product.price().currencyCode())
            .bind("price_minor", product.price().amountMinor())
            .bind("stock", product.stock())
            .bind("status", product.status().name())
            .bind("created_at", product.createTime())
            .bind("updated_at", product.updateTime())
            .bind("version", product.version())
            .execute()
        == 1;
  }

  @Override
  public Optional<Product> lock(UUID id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM products WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .map(JdbiProducts::product)
        .findOne();
  }

  @Override
  public Map<UUID, Product> lockAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    // ORDER BY runs below the row-locking step, so rows are locked in id order.
    Map<UUID, Product> locked = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT " + COLUMNS + " FROM products WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
        .bindList("ids", List.copyOf(ids))
        .map(JdbiProducts::product)
        .forEach(product -> locked.put(product.id(), product));
    return locked;
  }

  @Override
  public void update(List<Product> products) {
    for (Product product : products) {
      deferred
          .expectOne(
              "UPDATE products SET name = :name, description = :description, category = :category,"
                  + " price_currency = :price_currency, price_minor = :price_minor, stock = :stock,"
                  + " status = :status, updated_at = :updated_at, version = :version"
                  + " WHERE id = :id AND version = :version - 1",
              "product update")
          .bind("id", product.id())
          .bind("name", product.details().name())
          .bind("description", product.details().description())
          .bind("category", product.details().category())
          .bind("price_currency", product.price().currencyCode())
          .bind("price_minor", product.price().amountMinor())
          .bind("stock", product.stock())
          .bind("status", product.status().name())
          .bind("updated_at", product.updateTime())
          .bind("version", product.version());
    }
  }

  private static Product product(ResultSet rs, StatementContext context) throws SQLException {
    return new Product(
        Rows.uuid(rs, "id"),
        new Sku(rs.getString("sku")),
        new ProductDetails(
            rs.getString("name"), rs.getString("description"), rs.getString("category")),
        new Money(rs.getString("price_currency"), rs.getLong("price_minor")),
        rs.getLong("stock"),
        ProductStatus.valueOf(rs.getString("status")),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"),
        rs.getLong("version"));
  }
}
