package io.cqrsshop.bench;

import com.google.protobuf.Timestamp;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.events.v1.ProductState;
import io.cqrsshop.proto.events.v1.ProductStatus;
import io.cqrsshop.proto.events.v1.ProductStockAdjusted;
import io.cqrsshop.proto.events.v1.StockChangeCause;
import io.cqrsshop.proto.v1.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The write side's raw baseline: the requests command-service sends to PostgreSQL for
 * AdjustProductStock, and a minimal "update the state row, insert the event row" transaction, sent
 * by the harness straight to PostgreSQL over JDBC with one connection per client, as pgbench does.
 *
 * <p>The statements are the service's ({@code JdbiCommandLog}, {@code JdbiProducts}, {@code
 * JdbiEventLog}), with its held-back writes sent as {@code DeferredWrites} sends them: each wrapped
 * in a row-count check ({@code expect_one_row}), all in one request with the {@code COMMIT}. That
 * makes the 3 round trips {@code CommandRoundTripsIT} counts: claim, lock, writes with the commit.
 * Values are of the same types and sizes: a 32-byte fingerprint, a real event envelope, the JSON
 * result. Both transactions run in a scratch schema made for the run, whose tables are copied from
 * the service's with {@code LIKE ... INCLUDING ALL} (same indexes and constraints) and which is
 * dropped afterwards: the shop's own rows are never touched.
 */
final class PostgresBaseline implements AutoCloseable {

  /** Requests per transaction; BEGIN travels with the first one, COMMIT with the last. */
  static final int SAME_ROUND_TRIPS = 3;

  static final int MINIMAL_ROUND_TRIPS = 2;

  /** The caller of a command over a plaintext stack, which authenticates no one. */
  private static final String CALLER = "";

  private static final String CLAIM =
      "INSERT INTO command_requests (caller, request_id, fingerprint) VALUES (?, ?, ?)"
          + " ON CONFLICT (caller, request_id) DO NOTHING";
  private static final String LOCK =
      "SELECT id, sku, name, description, category, price_currency, price_minor, stock, status,"
          + " created_at, updated_at, version FROM products WHERE id = ? FOR UPDATE";
  private static final String UPDATE =
      checked(
          "UPDATE products SET name = ?, description = ?, category = ?, price_currency = ?,"
              + " price_minor = ?, stock = ?, status = ?, updated_at = ?, version = ?"
              + " WHERE id = ? AND version = ? - 1");
  private static final String APPEND =
      checked(
          "INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_version,"
              + " event_type, payload, occurred_at, request_id, trace_parent) VALUES"
              + " (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  private static final String COMPLETE =
      checked(
          "UPDATE command_requests SET result = CAST(? AS jsonb)"
              + " WHERE caller = ? AND request_id = ?");
  private static final String WRITES = UPDATE + ";\n" + APPEND + ";\n" + COMPLETE + ";\nCOMMIT";
  private static final String BUMP =
      "UPDATE products SET stock = stock + ?, updated_at = ?, version = version + 1"
          + " WHERE id = ? RETURNING id, sku, name, description, category, price_currency,"
          + " price_minor, stock, status, created_at, updated_at, version";
  private static final String APPEND_AND_COMMIT = APPEND + ";\nCOMMIT";

  private final String schema;
  private final RunNames names;
  private final Connection admin;
  private final List<UUID> productIds;
  private final BlockingQueue<Session> sessions;
  private final List<Session> all = new ArrayList<>();

  private PostgresBaseline(String schema, RunNames names, Connection admin, List<UUID> productIds) {
    this.schema = schema;
    this.names = names;
    this.admin = admin;
    this.productIds = List.copyOf(productIds);
    this.sessions = new ArrayBlockingQueue<>(1024);
  }

  /**
   * Creates the scratch schema with {@code rows} products and opens one connection per client; on
   * failure drops what it made.
   */
  static PostgresBaseline open(BenchOptions options, RunNames names, int clients, int rows) {
    String schema = "scratch_" + names.run();
    Connection admin = connect(options);
    PostgresBaseline baseline = null;
    try {
      List<UUID> ids = createSchema(admin, schema, names, rows);
      baseline = new PostgresBaseline(schema, names, admin, ids);
      for (int i = 0; i < clients; i++) {
        Session session = new Session(connect(options), schema);
        baseline.all.add(session);
        baseline.sessions.add(session);
      }
      return baseline;
    } catch (SQLException | RuntimeException e) {
      if (baseline != null) {
        baseline.close();
      } else {
        dropQuietly(admin, schema);
      }
      throw e instanceof SQLException sql
          ? failed("preparing the scratch schema", sql)
          : (RuntimeException) e;
    }
  }

  /** AdjustProductStock's requests: claim; lock; update, append, complete and commit. */
  void sameTransaction(SplittableRandom random, StatsBook stats) {
    timed(
        random,
        stats,
        "same transaction",
        (session, productId, requestId, now) -> {
          session.claim.setString(1, CALLER);
          session.claim.setString(2, requestId);
          session.claim.setBytes(3, fingerprint(requestId));
          if (session.claim.executeUpdate() != 1) {
            throw new SQLException("the claim of " + requestId + " found it taken");
          }
          session.lock.setObject(1, productId);
          Row row = Row.only(session.lock, productId);
          long version = row.version() + 1;
          long stock = row.stock() + 1;
          PreparedStatement writes = session.writes;
          int i =
              bind(
                  writes,
                  1,
                  row.name(),
                  row.description(),
                  row.category(),
                  "EUR",
                  row.priceMinor(),
                  stock,
                  "ACTIVE",
                  OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                  version,
                  productId,
                  version,
                  "product update");
          i = bindEvent(writes, i, productId, version, row.withStock(stock), requestId, now);
          bind(writes, i, receipt(productId, version, stock), CALLER, requestId, "command result");
          writes.execute();
        });
  }

  /** The least a command must do: update the state row; insert the event row and commit. */
  void minimalTransaction(SplittableRandom random, StatsBook stats) {
    timed(
        random,
        stats,
        "minimal transaction",
        (session, productId, requestId, now) -> {
          bind(session.bump, 1, 1L, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), productId);
          Row row = Row.only(session.bump, productId);
          bindEvent(session.appendAndCommit, 1, productId, row.version(), row, requestId, now);
          session.appendAndCommit.execute();
        });
  }

  /** Closes the connections and drops the scratch schema with everything in it. */
  @Override
  public void close() {
    for (Session session : all) {
      session.close();
    }
    dropQuietly(admin, schema);
  }

  /** Binds the event insert's parameters from {@code index} on; returns the next index. */
  private static int bindEvent(
      PreparedStatement statement,
      int index,
      UUID productId,
      long version,
      Row row,
      String requestId,
      Instant now)
      throws SQLException {
    UUID eventId = UUID.randomUUID();
    return bind(
        statement,
        index,
        eventId,
        "product",
        productId,
        version,
        "stock_adjusted",
        envelope(eventId, productId, version, row, requestId, now),
        OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
        requestId,
        null,
        "event insert");
  }

  /** Binds {@code values} from {@code index} on, as the service binds them; returns the next. */
  private static int bind(PreparedStatement statement, int index, Object... values)
      throws SQLException {
    for (Object value : values) {
      switch (value) {
        case null -> statement.setNull(index, Types.OTHER);
        case byte[] bytes -> statement.setBytes(index, bytes);
        case String text -> statement.setString(index, text);
        case Long number -> statement.setLong(index, number);
        default -> statement.setObject(index, value);
      }
      index++;
    }
    return index;
  }

  /**
   * A write as {@code DeferredWrites} sends it: PostgreSQL fails it unless it changed one row; the
   * last parameter names it in that error.
   */
  private static String checked(String write) {
    return "WITH changed AS ("
        + write
        + " RETURNING 1) SELECT expect_one_row(count(*), ?) FROM changed";
  }

  @FunctionalInterface
  private interface Work {
    void run(Session session, UUID productId, String requestId, Instant now) throws SQLException;
  }

  /** Runs {@code work} on a free connection for any scratch product, timing it under name. */
  private void timed(SplittableRandom random, StatsBook stats, String name, Work work) {
    UUID productId = productIds.get(random.nextInt(productIds.size()));
    String requestId = names.requestId();
    Session session;
    try {
      session = sessions.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while waiting for a connection", e);
    }
    long start = System.nanoTime();
    try {
      // The last request carried the COMMIT: pgjdbc finds no transaction open and sends nothing.
      work.run(session, productId, requestId, Instant.now().truncatedTo(ChronoUnit.MICROS));
      session.connection.commit();
      stats.of(name).record(System.nanoTime() - start, CallOutcome.OK);
    } catch (SQLException e) {
      try {
        session.connection.rollback();
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw failed("the " + name + " over JDBC", e);
    } finally {
      sessions.add(session);
    }
  }

  private static List<UUID> createSchema(Connection admin, String schema, RunNames names, int rows)
      throws SQLException {
    try (Statement sql = admin.createStatement()) {
      sql.execute("CREATE SCHEMA " + schema);
      // The service's tables as they are now, found through the default search path.
      sql.execute(
          "CREATE TABLE " + schema + ".command_requests (LIKE command_requests INCLUDING ALL)");
      sql.execute("CREATE TABLE " + schema + ".products (LIKE products INCLUDING ALL)");
      // Not the position default: it would draw from the shop's own sequence.
      sql.execute(
          "CREATE TABLE " + schema + ".events (LIKE events INCLUDING ALL EXCLUDING DEFAULTS)");
      sql.execute("CREATE SEQUENCE " + schema + ".events_position_seq");
      sql.execute(
          "ALTER TABLE "
              + schema
              + ".events ALTER COLUMN position SET DEFAULT nextval('"
              + schema
              + ".events_position_seq')");
      sql.execute(
          "INSERT INTO "
              + schema
              + ".products SELECT gen_random_uuid(), '"
              + names.run()
              + "-scratch-' || i, 'Bench "
              + names.run()
              + " scratch item ' || i, 'Created by the benchmark harness', 'bench', 'EUR', 1999,"
              + " 1000000000, 'ACTIVE', now(), now(), 1 FROM generate_series(1, "
              + rows
              + ") AS i");
      List<UUID> ids = new ArrayList<>();
      try (ResultSet rs = sql.executeQuery("SELECT id FROM " + schema + ".products")) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
      return ids;
    }
  }

  private static void dropQuietly(Connection admin, String schema) {
    try (admin;
        Statement sql = admin.createStatement()) {
      sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println(
          "bench: could not drop the scratch schema " + schema + " (drop it by hand): " + e);
    }
  }

  private static Connection connect(BenchOptions options) {
    try {
      return DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
    } catch (SQLException e) {
      throw failed("connecting to " + options.dbUrl(), e);
    }
  }

  private static HarnessException failed(String what, SQLException e) {
    return new HarnessException(
        what + " failed: " + e.getMessage() + " (" + e.getSQLState() + ")", e);
  }

  private static byte[] fingerprint(String requestId) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(requestId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** What command-service stores as the result of an AdjustProductStock, in the same shape. */
  private static String receipt(UUID productId, long version, long stock) {
    String write =
        "{\"type\":\"PRODUCT\",\"id\":\"" + productId + "\",\"version\":" + version + "}";
    return "{\"receipt\":{\"written\":"
        + write
        + ",\"writes\":["
        + write
        + "]},\"stock\":"
        + stock
        + "}";
  }

  private static byte[] envelope(
      UUID eventId, UUID productId, long version, Row row, String requestId, Instant now) {
    Timestamp at =
        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    return EventEnvelope.newBuilder()
        .setEventId(eventId.toString())
        .setAggregateType(AggregateType.AGGREGATE_TYPE_PRODUCT)
        .setAggregateId(productId.toString())
        .setAggregateVersion(version)
        .setOccurTime(at)
        .setRequestId(requestId)
        .setProductStockAdjusted(
            ProductStockAdjusted.newBuilder()
                .setDelta(1)
                .setCause(StockChangeCause.STOCK_CHANGE_CAUSE_ADJUSTMENT)
                .setReason("benchmark baseline")
                .setProduct(
                    ProductState.newBuilder()
                        .setProductId(productId.toString())
                        .setSku(row.sku())
                        .setName(row.name())
                        .setDescription(row.description())
                        .setCategory(row.category())
                        .setPrice(
                            Money.newBuilder()
                                .setCurrencyCode("EUR")
                                .setAmountMinor(row.priceMinor()))
                        .setStock(row.stock())
                        .setStatus(ProductStatus.PRODUCT_STATUS_ACTIVE)
                        .setCreateTime(at)
                        .setUpdateTime(at)))
        .build()
        .toByteArray();
  }

  /** The columns of a product row that the transactions use. */
  private record Row(
      String sku,
      String name,
      String description,
      String category,
      long priceMinor,
      long stock,
      long version) {

    /** Runs the statement, which yields the product's row, and reads it. */
    static Row only(PreparedStatement statement, UUID productId) throws SQLException {
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("scratch product " + productId + " is missing");
        }
        return read(rs);
      }
    }

    private static Row read(ResultSet rs) throws SQLException {
      // Every column, as the service maps the whole row into its Product.
      rs.getObject("id", UUID.class);
      rs.getString("price_currency");
      rs.getString("status");
      rs.getObject("created_at", OffsetDateTime.class);
      rs.getObject("updated_at", OffsetDateTime.class);
      return new Row(
          rs.getString("sku"),
          rs.getString("name"),
          rs.getString("description"),
          rs.getString("category"),
          rs.getLong("price_minor"),
          rs.getLong("stock"),
          rs.getLong("version"));
    }

    Row withStock(long newStock) {
      return new Row(sku, name, description, category, priceMinor, newStock, version);
    }
  }

  /** One client's connection and its prepared statements. */
  private static final class Session {
    final Connection connection;
    final PreparedStatement claim;
    final PreparedStatement lock;
    final PreparedStatement writes;
    final PreparedStatement bump;
    final PreparedStatement appendAndCommit;

    Session(Connection connection, String schema) {
      try {
        this.connection = connection;
        try (Statement sql = connection.createStatement()) {
          // The statements name the tables unqualified, exactly as the service does; the
          // row-count check, expect_one_row, is the shop's own.
          sql.execute("SET search_path TO " + schema + ", public");
        }
        connection.setAutoCommit(false);
        claim = connection.prepareStatement(CLAIM);
        lock = connection.prepareStatement(LOCK);
        writes = connection.prepareStatement(WRITES);
        bump = connection.prepareStatement(BUMP);
        appendAndCommit = connection.prepareStatement(APPEND_AND_COMMIT);
      } catch (SQLException e) {
        close(connection);
        throw failed("preparing a JDBC session", e);
      }
    }

    void close() {
      close(connection);
    }

    private static void close(Connection connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing a connection that failed; nothing more to do with it.
      }
    }
  }
}
