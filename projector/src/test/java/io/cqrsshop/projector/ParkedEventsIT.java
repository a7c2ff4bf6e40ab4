package io.cqrsshop.projector;

import static io.cqrsshop.projector.testing.Events.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsshop.projector.application.EventInterpreter;
import io.cqrsshop.projector.application.ParkReason;
import io.cqrsshop.projector.application.ParkedEvent;
import io.cqrsshop.projector.application.ParkedEvents;
import io.cqrsshop.projector.application.ReplayingParkedEvents;
import io.cqrsshop.projector.infrastructure.ElasticsearchParkedEvents;
import io.cqrsshop.projector.infrastructure.ElasticsearchReadModelStore;
import io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.projector.testing.Builds;
import io.cqrsshop.projector.testing.EventStream;
import io.cqrsshop.projector.testing.Events;
import io.cqrsshop.projector.testing.ProjectorStack;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchemas;
import io.cqrsshop.readmodel.UserDocument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events that cannot be applied: parked, listed and replayed after a fix; and events of a kind an
 * older projector does not know, through rolling upgrades in either order.
 */
class ParkedEventsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension final ProjectorStack stack = new ProjectorStack();

  private EventStream stream;
  private ElasticsearchParkedEvents parked;

  @BeforeEach
  void openStream() {
    stream = stack.stream();
    parked = new ElasticsearchParkedEvents(stack.readModels.client(), stack.readModels.names());
  }

  @Test
  void documentTheStoreRefuses_isParkedListedAndReplayedAfterTheFix() throws Exception {
    // A catalog index whose mapping lacks "description": every product document is refused.
    String index = stack.readModels.names().physicalIndex(ReadModel.PRODUCTS);
    ObjectNode mapping =
        (ObjectNode)
            new ObjectMapper()
                .readTree(getClass().getResourceAsStream(ReadModel.PRODUCTS.mappingResource(1)));
    ((ObjectNode) mapping.path("mappings").path("properties")).remove("description");
    stack
        .readModels
        .client()
        .indices()
        .create(
            c ->
                c.index(index)
                    .withJson(
                        new ByteArrayInputStream(
                            mapping.toString().getBytes(StandardCharsets.UTF_8)))
                    .aliases(stack.readModels.names().alias(ReadModel.PRODUCTS), a -> a));
    start(io.cqrsshop.projector.ProjectorBuild.current());
    stack.readModels.awaitServingExcept(ReadModel.PRODUCTS);
    List<String> products = List.of(newId(), newId(), newId());
    products.forEach(id -> stream.publish(Events.productEvent(id, 1)));
    String user = newId();
    stream.publish(Events.userEvent(user, 1));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(firstParked(ParkReason.REFUSED_BY_STORE))
                    .extracting(ParkedEvent::aggregateId)
                    .containsExactlyInAnyOrderElementsOf(products));
    assertThat(
            parked
                .get(parked.list(Optional.empty(), ParkedEvents.Cursor.START, 1).getFirst().id())
                .orElseThrow()
                .detail())
        .contains("strict_dynamic_mapping_exception");
    await()
        .atMost(PATIENCE)
        .until(() -> stack.readModels.get(ReadModel.USERS, user, UserDocument.class).isPresent());

    // The fix: the mapping gets its field; then an operator replays what was parked.
    stack
        .readModels
        .client()
        .indices()
        .putMapping(p -> p.index(index).properties("description", d -> d.text(t -> t)));
    ReplayingParkedEvents.Summary replayed = replaying().replayAll(Optional.empty(), 100);

    assertThat(replayed.applied()).isEqualTo(3);
    assertThat(replayed.stillParked()).isZero();
    for (String id : products) {
      assertThat(stack.readModels.get(ReadModel.PRODUCTS, id, ProductDocument.class)).isPresent();
    }
    await().atMost(PATIENCE).until(() -> parked.count() == 0);
  }

  @Test
  void unknownKind_commandServiceUpgradedFirst_isAppliedOnceANewerProjectorRuns() throws Exception {
    ProjectorApplication older = start(Builds.beforeUserRenamed());
    stack.readModels.awaitServing();
    String user = newId();
    stream.publish(Events.userEvent(user, 1));
    stream.publish(Events.userEvent(user, 2));
    stream.publish(Events.userEvent(user, 3));

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(firstParked(ParkReason.UNKNOWN_EVENT_KIND)).hasSize(2));
    assertThat(stack.readModels.get(ReadModel.USERS, user, UserDocument.class))
        .get()
        .extracting(UserDocument::version)
        .isEqualTo(1L);

    // The rolling deployment reaches the projector; nobody touches the parked events.
    start(io.cqrsshop.projector.ProjectorBuild.current());
    older.shutdown();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(stack.readModels.get(ReadModel.USERS, user, UserDocument.class))
                  .get()
                  .extracting(UserDocument::name)
                  .isEqualTo("User v3");
              assertThat(parked.count()).isZero();
              assertThat(historyOf(user)).isEqualTo(3);
            });
  }

  @Test
  void unknownKind_projectorUpgradedFirstWhileOldReplicasRun_everyEventIsApplied()
      throws Exception {
    start(io.cqrsshop.projector.ProjectorBuild.current());
    start(Builds.beforeUserRenamed());
    stack.readModels.awaitServing();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String user = newId();
      users.add(user);
      stream.publish(Events.userEvent(user, 1));
      stream.publish(Events.userEvent(user, 2));
    }

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              for (String user : users) {
                assertThat(stack.readModels.get(ReadModel.USERS, user, UserDocument.class))
                    .get()
                    .extracting(UserDocument::version)
                    .isEqualTo(2L);
              }
              assertThat(parked.count()).isZero();
            });
  }

  @Test
  void manyParkedEventsStillUnknown_doNotHideOneThatAppliesNow() throws Exception {
    start(Builds.beforeUserRenamed());
    stack.readModels.awaitServing();
    // 1,200 renames this build does not know, parked before a product event that it does know
    // and that an even older build parked: the retries must reach it however many come first.
    List<ParkedEvent> unknown = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      unknown.add(
          parkedUnknown(
              "a-" + i, i + 1, Events.userEvent(newId(), 2).toBuilder().setEventId("a-" + i)));
    }
    parked.park(unknown);
    String product = newId();
    parked.park(
        List.of(
            parkedUnknown(
                "z-applies-now",
                5_000,
                Events.productEvent(product, 1).toBuilder().setEventId("z-applies-now"))));

    // The replay writes the documents first, then removes the event from the parked ones.
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                stack.readModels.get(ReadModel.PRODUCTS, product, ProductDocument.class).isPresent()
                    && parked.get("z-applies-now").isEmpty());
    // The count is a search: it sees the removal after the next refresh.
    await().atMost(PATIENCE).until(() -> parked.count() == 1_200);
  }

  private static ParkedEvent parkedUnknown(
      String id, long sequence, io.cqrsshop.proto.events.v1.EventEnvelope.Builder event) {
    return new ParkedEvent(
        id,
        sequence,
        EventStream.PREFIX + ".test",
        "",
        event.getAggregateId(),
        event.getAggregateVersion(),
        "unknown",
        ParkReason.UNKNOWN_EVENT_KIND,
        "parked by an older build",
        java.time.Instant.now(),
        1,
        event.build().toByteArray());
  }

  private long historyOf(String aggregateId) throws Exception {
    stack
        .readModels
        .client()
        .indices()
        .refresh(r -> r.index(stack.readModels.names().alias(ReadModel.HISTORY)));
    return stack
        .readModels
        .client()
        .count(
            c ->
                c.index(stack.readModels.names().alias(ReadModel.HISTORY))
                    .query(q -> q.term(t -> t.field("aggregate_id").value(aggregateId))))
        .count();
  }

  private ReplayingParkedEvents replaying() {
    return new ReplayingParkedEvents(
        parked,
        new EventInterpreter(
            EventProjection.standard(), ReadModelSchemas.standard(), Clock.systemUTC()),
        new ElasticsearchReadModelStore(stack.readModels.client(), stack.readModels.names()),
        new io.cqrsshop.projector.infrastructure.ElasticsearchIndexAdmin(
            new io.cqrsshop.readmodel.ReadModelIndices(
                stack.readModels.client(),
                stack.readModels.names(),
                io.cqrsshop.readmodel.IndexSettings.singleNode())),
        new ElasticsearchRebuildRecords(stack.readModels.client(), stack.readModels.names()),
        Clock.systemUTC());
  }

  private ProjectorApplication start(io.cqrsshop.projector.ProjectorBuild build) {
    ProjectorApplication projector = stack.start(stack.config(), build);
    return projector;
  }

  /** The first ten events parked for {@code reason}. */
  private List<ParkedEvent> firstParked(ParkReason reason) throws Exception {
    return parked.list(Optional.of(reason), ParkedEvents.Cursor.START, 10);
  }
}
