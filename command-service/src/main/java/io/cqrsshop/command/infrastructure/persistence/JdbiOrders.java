package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.Orders;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderLine;
import io.cqrsshop.command.domain.order.OrderStatus;
import io.cqrsshop.command.domain.order.StatusChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.statement.StatementContext;

/** Orders in {@code orders}, with {@code order_lines} and {@code order_status_history}. */
final class JdbiOrders implements Orders {

  private final Handle handle;
  private final DeferredWrites deferred;

  JdbiOrders(Handle handle, DeferredWrites deferred) {
    this.handle = handle;
    this.deferred = deferred;
  }

  @Override
  public void add(Order order) {
    deferred
        .expectOne(
            "INSERT INTO orders (id, customer_id, customer_name, total_currency, total_minor,"
                + " status, placed_at, updated_at, version) VALUES (:id, :customer_id,"
                + " :customer_name, :total_currency, :total_minor, :status, :placed_at,"
                + " :updated_at, :version)",
            "order insert")
        .bind("id", order.id())
        .bind("customer_id", order.customerId())
        .bind("customer_name", order.customerName())
        .bind("total_currency", order.total().currencyCode())
        .bind("total_minor", order.total().amountMinor())
        .bind("status", order.status().name())
        .bind("placed_at", order.placeTime())
        .bind("updated_at", order.updateTime())
        .bind("version", order.version());
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine line = order.lines().get(i);
      deferred
          .expectOne(
              "INSERT INTO order_lines (order_id, line_no, product_id, product_name, quantity,"
                  + " unit_price_currency, unit_price_minor, line_total_minor) VALUES (:order_id,"
                  + " :line_no, :product_id, :product_name, :quantity, :currency, :unit_price,"
                  + " :line_total)",
              "order line insert")
          .bind("order_id", order.id())
          .bind("line_no", i)
          .bind("product_id", line.productId())
          .bind("product_name", line.productName())
          .bind("quantity", line.quantity())
          .bind("currency", line.unitPrice().currencyCode())
          .bind("unit_price", line.unitPrice().amountMinor())
          .bind("line_total", line.lineTotal().amountMinor());
    }
    insertHistory(order, 0);
  }

  @Override
  public Optional<Order> lock(UUID id) {
    return byId(
            "SELECT id, customer_id, customer_name, total_currency, total_minor, status,"
                + " placed_at, updated_at, version FROM orders WHERE id = :id FOR UPDATE",
            id,
            (rs, ctx) ->
                new Order(
                    Rows.uuid(rs, "id"),
                    Rows.uuid(rs, "customer_id"),
                    rs.getString("customer_name"),
                    List.of(),
                    new Money(rs.getString("total_currency"), rs.getLong("total_minor")),
                    OrderStatus.valueOf(rs.getString("status")),
                    List.of(),
                    Rows.instant(rs, "placed_at"),
                    Rows.instant(rs, "updated_at"),
                    rs.getLong("version")))
        .findOne()
        .map(order -> complete(order, lines(id), history(id)));
  }

  @Override
  public void update(Order order) {
    deferred
        .expectOne(
            "UPDATE orders SET status = :status, updated_at = :updated_at, version = :version"
                + " WHERE id = :id AND version = :version - 1",
            "order update")
        .bind("id", order.id())
        .bind("status", order.status().name())
        .bind("updated_at", order.updateTime())
        .bind("version", order.version());
    // A command adds at most one status, always at the end of the history.
    insertHistory(order, order.statusHistory().size() - 1);
  }

  private List<OrderLine> lines(UUID id) {
    return byId(
            "SELECT product_id, product_name, quantity, unit_price_currency, unit_price_minor,"
                + " line_total_minor FROM order_lines WHERE order_id = :id ORDER BY line_no",
            id,
            (rs, ctx) -> {
              String currency = rs.getString("unit_price_currency");
              return new OrderLine(
                  Rows.uuid(rs, "product_id"),
                  rs.getString("product_name"),
                  rs.getLong("quantity"),
                  new Money(currency, rs.getLong("unit_price_minor")),
                  new Money(currency, rs.getLong("line_total_minor")));
            })
        .list();
  }

  private List<StatusChange> history(UUID id) {
    return byId(
            "SELECT status, changed_at, reason FROM order_status_history WHERE order_id = :id"
                + " ORDER BY seq",
            id,
            JdbiOrders::statusChange)
        .list();
  }

  private static StatusChange statusChange(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StatusChange(
        OrderStatus.valueOf(rs.getString("status")),
        Rows.instant(rs, "changed_at"),
        rs.getString("reason"));
  }

  private void insertHistory(Order order, int from) {
    List<StatusChange> history = order.statusHistory();
    for (int seq = from; seq < history.size(); seq++) {
      deferred
          .expectOne(
              "INSERT INTO order_status_history (order_id, seq, status, changed_at, reason)"
                  + " VALUES (:order_id, :seq, :status, :changed_at, :reason)",
              "order status insert")
          .bind("order_id", order.id())
          .bind("seq", seq)
          .bind("status", history.get(seq).status().name())
          .bind("changed_at", history.get(seq).changeTime())
          .bind("reason", history.get(seq).reason());
    }
  }

  private static Order complete(Order order, List<OrderLine> lines, List<StatusChange> history) {
    return new Order(
        order.id(),
        order.customerId(),
        order.customerName(),
        lines,
        order.total(),
        order.status(),
        history,
        order.placeTime(),
        order.updateTime(),
        order.version());
  }

  /** The rows a query over {@code :id} finds, each mapped with {@code mapper}. */
  private <T> ResultIterable<T> byId(String sql, UUID id, RowMapper<T> mapper) {
    return handle.createQuery(sql).bind("id", id).map(mapper);
  }
}
