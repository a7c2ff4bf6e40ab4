package io.cqrsshop.projector.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JetStreamDurableConsumerTest {

  private final ConsumerConfiguration wanted =
      JetStreamDurableConsumer.configuration(
          "projector", "shop.events.>", Duration.ofSeconds(30), 500);

  @Test
  void configuration_ofProjector_isDurableExplicitAckFromTheStart() {
    assertThat(wanted.getDurable()).isEqualTo("projector");
    assertThat(wanted.getFilterSubject()).isEqualTo("shop.events.>");
    assertThat(wanted.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
    assertThat(wanted.getDeliverPolicy()).isEqualTo(DeliverPolicy.All);
    assertThat(wanted.getAckWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(wanted.getMaxAckPending()).isGreaterThanOrEqualTo(2 * 500);
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
