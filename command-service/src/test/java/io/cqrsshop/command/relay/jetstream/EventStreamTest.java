package io.cqrsshop.command.relay.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  private final EventStream stream =
      new EventStream("SHOP_EVENTS", "shop.events", 1, Duration.ofMinutes(2), Duration.ZERO);

  @Test
  void wanted_settings_matchTheRelayConfiguration() {
    StreamConfiguration wanted = stream.wanted();

    assertThat(wanted.getSubjects()).containsExactly("shop.events.>");
    assertThat(wanted.getStorageType()).isEqualTo(StorageType.File);
    assertThat(wanted.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void differences_sameConfiguration_isEmpty() {
    assertThat(EventStream.differences(stream.wanted(), stream.wanted())).isEmpty();
  }

  @Test
  void differences_serverKeptOtherSettings_namesEach() {
    StreamConfiguration actual =
        StreamConfiguration.builder(stream.wanted())
            .storageType(StorageType.Memory)
            .duplicateWindow(Duration.ofSeconds(30))
            .build();

    assertThat(EventStream.differences(stream.wanted(), actual))
        .hasSize(2)
        .anySatisfy(d -> assertThat(d).startsWith("storage"))
        .anySatisfy(d -> assertThat(d).startsWith("duplicate window"));
  }
}
