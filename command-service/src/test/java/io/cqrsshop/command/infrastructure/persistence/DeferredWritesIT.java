package io.cqrsshop.command.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.runtime.config.Secret;
import io.cqrsshop.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Held-back writes against a real PostgreSQL with the write model's schema: they are sent before
 * the transaction's next read and with its commit, each checked by the database to change one row,
 * so that a write that changes none fails the transaction before its COMMIT runs.
 */
class DeferredWritesIT {

  @RegisterExtension static final TestDatabase database = new TestDatabase();

  private static WriteDatabase write;
  private static Jdbi jdbi;

  @BeforeAll
  static void migrate() {
    TestSchema.migrate(database);
    // As the owner: the scratch table is this test's own, outside the write model's grants.
    write =
        WriteDatabase.open(
            new DatabaseSettings(
                database.url(),
                database.owner().user(),
                new Secret(database.owner().password()),
                2),
            new SimpleMeterRegistry(),
            OpenTelemetry.noop());
    jdbi = write.jdbi();
    jdbi.useHandle(
        handle ->
            handle.execute(
                "CREATE TABLE scratch (id uuid PRIMARY KEY, label text, amount bigint, small int,"
                    + " at timestamptz, data bytea, note text)"));
  }

  @AfterAll
  static void close() {
    write.close();
  }

  @Test
  void commit_sendsTheHeldWritesWithTheCommit_eachValueTypeStoredAsBound() {
    UUID id = UUID.randomUUID();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);

    inTransaction(
        deferred -> {
          insert(deferred, id, "first").bind("at", at);
          deferred
              .expectOne(
                  "UPDATE scratch SET label = :label, amount = amount + :delta WHERE id = :id",
                  "scratch update")
              .bind("id", id)
              .bind("label", "second")
              .bind("delta", 2L);
        });

    Map<String, Object> row =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("SELECT * FROM scratch WHERE id = :id")
                    .bind("id", id)
                    .mapToMap()
                    .one());
    assertThat(row)
        .containsEntry("label", "second")
        .containsEntry("amount", 42L)
        .containsEntry("small", 7)
        .containsEntry("note", null);
    assertThat(jdbi.withHandle(handle -> at(handle, id)).toInstant()).isEqualTo(at);
    assertThat((byte[]) row.get("data")).containsExactly(1, 2, 3);
  }

  @Test
  void aReadInTheTransaction_seesTheWritesHeldBeforeIt() {
    UUID id = UUID.randomUUID();

    inTransaction(
        deferred -> {
          insert(deferred, id, "held");
          // The read is a Jdbi statement of the same handle: the held insert is sent before it.
          assertThat(
                  deferred
                      .handle()
                      .createQuery("SELECT label FROM scratch WHERE id = :id")
                      .bind("id", id)
                      .mapTo(String.class)
                      .findOne())
              .contains("held");
        });
  }

  @Test
  void aWriteThatChangesNoRow_failsTheCommit_andNothingOfTheTransactionIsCommitted() {
    UUID id = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                inTransaction(
                    deferred -> {
                      insert(deferred, id, "never");
                      deferred
                          .expectOne("UPDATE scratch SET label = 'x' WHERE id = :id", "lost update")
                          .bind("id", UUID.randomUUID());
                    }))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("lost update")
        .rootCause()
        .hasMessageContaining("lost update changed 0 rows instead of 1");

    assertThat(count(id)).isZero();
  }

  @Test
  void aWriteThatFails_failsTheCommit_andNothingOfTheTransactionIsCommitted() {
    UUID id = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                inTransaction(
                    deferred -> {
                      insert(deferred, id, "first");
                      insert(deferred, id, "duplicate key");
                    }))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("scratch insert");

    assertThat(count(id)).isZero();
  }

  @Test
  void aParameterLeftUnbound_isRefusedBeforeAnythingIsSent() {
    UUID id = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                inTransaction(
                    deferred -> {
                      insert(deferred, UUID.randomUUID(), "sent with it");
                      deferred
                          .expectOne(
                              "UPDATE scratch SET label = :label WHERE id = :id", "half bound")
                          .bind("id", id);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("half bound has no value for :label");

    assertThat(count(id)).isZero();
    assertThat(labelled("sent with it")).isZero();
  }

  private interface Work {
    void run(Held deferred);
  }

  /** The held-back writes of a transaction and the handle they belong to. */
  private record Held(DeferredWrites writes, Handle handle) {
    DeferredWrites.Write expectOne(String sql, String what) {
      return writes.expectOne(sql, what);
    }
  }

  /** Runs {@code work} in a transaction that commits as JdbiTransactions does, or rolls back. */
  private static void inTransaction(Work work) {
    try (Handle handle = jdbi.open()) {
      handle.begin();
      try {
        DeferredWrites deferred = DeferredWrites.on(handle);
        work.run(new Held(deferred, handle));
        deferred.commit();
      } catch (RuntimeException e) {
        handle.rollback();
        throw e;
      }
    }
  }

  private static DeferredWrites.Write insert(Held deferred, UUID id, String label) {
    return deferred
        .expectOne(
            "INSERT INTO scratch (id, label, amount, small, at, data, note)"
                + " VALUES (:id, :label, :amount, :small, :at, :data, :note)",
            "scratch insert")
        .bind("id", id)
        .bind("label", label)
        .bind("amount", 40L)
        .bind("small", 7)
        .bind("at", Instant.now())
        .bind("data", new byte[] {1, 2, 3})
        .bind("note", null);
  }

  private static OffsetDateTime at(Handle handle, UUID id) {
    return handle
        .createQuery("SELECT at FROM scratch WHERE id = :id")
        .bind("id", id)
        .mapTo(OffsetDateTime.class)
        .one();
  }

  private static long count(UUID id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM scratch WHERE id = :id")
                .bind("id", id)
                .mapTo(Long.class)
                .one());
  }

  private static long labelled(String label) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM scratch WHERE label = :label")
                .bind("label", label)
                .mapTo(Long.class)
                .one());
  }
}
