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
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

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
    Update insert =
        handle
            .createUpdate(
                "INSERT INTO products ("
                    + COLUMNS
                    + ") VALUES (:id, :sku, :name, :description, :category, :price_currency,"
                    + " :price_minor, :stock, :status, :created_at, :updated_at, :version)"
                    + " ON CONFLICT DO NOTHING")
            .bind("sku", product.sku().value())
            .bind("created_at", product.createTime());
    bindState(product, insert::bind);
    return insert.execute() == 1;
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
      DeferredWrites.Write update =
          deferred.expectOne(
              "UPDATE products SET name = :name, description = :description, category = :category,"
                  + " price_currency = :price_currency, price_minor = :price_minor, stock = :stock,"
                  + " status = :status, updated_at = :updated_at, version = :version"
                  + " WHERE id = :id AND version = :version - 1",
              "product update");
      bindState(product, update::bind);
    }
  }

  /** Binds what an insert and an update both write: the product's id and its current state. */
  private static void bindState(Product product, BiConsumer<String, Object> bind) {
    bind.accept("id", product.id());
    bind.accept("name", product.details().name());
    bind.accept("description", product.details().description());
    bind.accept("category", product.details().category());
    bind.accept("price_currency", product.price().currencyCode());
    bind.accept("price_minor", product.price().amountMinor());
    bind.accept("stock", product.stock());
    bind.accept("status", product.status().name());
    bind.accept("updated_at", product.updateTime());
    bind.accept("version", product.version());
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
