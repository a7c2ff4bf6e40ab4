package io.cqrsshop.projector.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JetStreamDurableConsumerTest {

  private final ConsumerConfiguration wanted =
      JetStreamDurableConsumer.of(
              "SHOP_EVENTS",
              "projector_products_v1",
              "shop.events.product.>",
              Optional.empty(),
              Duration.ofSeconds(30),
              10_000)
          .configuration();

  @Test
  void of_noStart_isDurableExplicitAckFromTheFirstEvent() {
    assertThat(wanted.getDurable()).isEqualTo("projector_products_v1");
    assertThat(wanted.getFilterSubject()).isEqualTo("shop.events.product.>");
    assertThat(wanted.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
    assertThat(wanted.getDeliverPolicy()).isEqualTo(DeliverPolicy.All);
    assertThat(wanted.getAckWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(wanted.getMaxAckPending()).isEqualTo(10_000);
  }

  @Test
  void of_withStart_deliversFromThatTime() {
    Instant since = Instant.parse("2026-01-02T03:04:05Z");
    ConsumerConfiguration fromTime =
        JetStreamDurableConsumer.of(
                "SHOP_EVENTS", "c", "shop.>", Optional.of(since), Duration.ofSeconds(30), 10)
            .configuration();

    assertThat(fromTime.getDeliverPolicy()).isEqualTo(DeliverPolicy.ByStartTime);
    assertThat(fromTime.getStartTime().toInstant()).isEqualTo(since);
  }

  @Test
  void differences_storedAsAsked_isEmpty() {
    assertThat(JetStreamDurableConsumer.differences(wanted, wanted)).isEmpty();
  }

  @Test
  void differences_serverIgnoredSettings_namesEachOne() {
    ConsumerConfiguration stored =
        ConsumerConfiguration.builder(wanted)
            .filterSubject("shop.>")
            .ackWait(Duration.ofSeconds(5))
            .build();

    assertThat(JetStreamDurableConsumer.differences(wanted, stored))
        .hasSize(2)
        .anySatisfy(difference -> assertThat(difference).startsWith("filter_subject"))
        .anySatisfy(difference -> assertThat(difference).startsWith("ack_wait"));
  }
}
