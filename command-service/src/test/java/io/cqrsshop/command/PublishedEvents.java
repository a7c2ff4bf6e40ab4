package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.command.EventStreamReader.StoredEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Compares the events stream with the event log: the relay's guarantees as assertions. */
final class PublishedEvents {

  private PublishedEvents() {}

  /** Waits until every logged event is marked published and the stream holds as many. */
  static void awaitAllPublished(TestStack stack, Duration within) {
    await("every logged event published")
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                stack.count("SELECT count(*) FROM events WHERE published_at IS NULL") == 0
                    && stack.stream().count() == stack.count("SELECT count(*) FROM events"));
  }

  /**
   * Every logged event is in the stream exactly once (by {@code Nats-Msg-Id}), and each aggregate's
   * events appear in version order 1, 2, 3... without gaps.
   */
  static void assertExactlyOnceInVersionOrder(TestStack stack) {
    List<String> logged =
        stack
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT event_id::text FROM events")
                        .mapTo(String.class)
                        .list());
    List<StoredEvent> stored = stack.stream().all();

    assertThat(stored)
        .extracting(StoredEvent::messageId)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(logged);
    Map<String, List<Long>> versionsInStreamOrder = new LinkedHashMap<>();
    for (StoredEvent event : stored) {
      assertThat(event.messageId()).isEqualTo(event.envelope().getEventId());
      versionsInStreamOrder
          .computeIfAbsent(event.envelope().getAggregateId(), id -> new java.util.ArrayList<>())
          .add(event.envelope().getAggregateVersion());
    }
    versionsInStreamOrder.forEach(
        (aggregate, versions) ->
            assertThat(versions)
                .as("versions of %s in stream order", aggregate)
                .containsExactlyElementsOf(
                    LongStream.rangeClosed(1, versions.size()).boxed().toList()));
  }
}
