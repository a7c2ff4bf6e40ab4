package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.command.infrastructure.persistence.CommandLogRetention;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Old request ids are forgotten after the retention period; recent ones still deduplicate. */
class CommandLogRetentionIT {

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceBlockingStub client = stack.client();
  private static final Jdbi jdbi = stack.jdbi();

  @Test
  void purge_removesOnlyEntriesOlderThanTheRetention() {
    CreateProductRequest old = Requests.product(1);
    CreateProductRequest recent = Requests.product(1);
    client.createProduct(old);
    CreateProductResponse recentResponse = client.createProduct(recent);
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE command_requests SET created_at = now() - interval '8 days'"
                        + " WHERE request_id = :id")
                .bind("id", old.getRequestId())
                .execute());

    int purged = new CommandLogRetention(jdbi, Duration.ofDays(7)).purge();

    assertThat(purged).isEqualTo(1);
    assertThat(requestIds()).contains(recent.getRequestId()).doesNotContain(old.getRequestId());
    assertThat(client.createProduct(recent)).isEqualTo(recentResponse);
  }

  private static java.util.List<String> requestIds() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT request_id FROM command_requests")
                .mapTo(String.class)
                .list());
  }
}
