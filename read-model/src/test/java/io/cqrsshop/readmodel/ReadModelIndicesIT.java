package io.cqrsshop.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.testing.TestElasticsearch;
import io.cqrsshop.testing.TestIndices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReadModelIndicesIT {

  @RegisterExtension final TestIndices testIndices = new TestIndices();

  private final String prefix = testIndices.prefix();
  private final ElasticsearchClient client =
      ElasticsearchClients.create(ElasticsearchConnection.anonymous(TestElasticsearch.url()));
  private final IndexNames names = new IndexNames(prefix);

  @Test
  void ensureAll_createsEveryVersionedIndexBehindItsAlias() throws Exception {
    new ReadModelIndices(client, names, IndexSettings.singleNode()).ensureAll();

    for (ReadModel model : ReadModel.values()) {
      var aliases = client.indices().getAlias(a -> a.name(names.alias(model))).result();
      assertThat(aliases).containsOnlyKeys(names.physicalIndex(model));
    }
  }

  @Test
  void ensureAll_fromSeveralProcessesAtOnce_succeedsEverywhere() throws Exception {
    var indices = new ReadModelIndices(client, names, IndexSettings.singleNode());
    try (var pool = Executors.newFixedThreadPool(4)) {
      List<Future<Void>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<Void> run =
            () -> {
              indices.ensureAll();
              return null;
            };
        runs.add(pool.submit(run));
      }
      for (Future<Void> run : runs) {
        run.get();
      }
    }

    assertThat(client.indices().exists(e -> e.index(names.alias(ReadModel.SALES))).value())
        .isTrue();
  }

  @Test
  void documents_roundTripThroughTheAliasInSnakeCase() throws Exception {
    new ReadModelIndices(client, names, IndexSettings.singleNode())
        .ensureServing(ReadModelSchema.current(ReadModel.PRODUCTS));
    var now = Instant.parse("2026-11-22T10:15:30Z");
    var product =
        new ProductDocument(
            "p-1",
            "SKU-1",
            "Blue Mug",
            "A mug",
            "Kitchen",
            1299,
            "EUR",
            3,
            "ACTIVE",
            true,
            true,
            2,
            now,
            now);

    client.index(
        i ->
            i.index(names.alias(ReadModel.PRODUCTS))
                .id("p-1")
                .document(product)
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.True));

    var read =
        client.get(g -> g.index(names.alias(ReadModel.PRODUCTS)).id("p-1"), ProductDocument.class);
    assertThat(read.source()).isEqualTo(product);
    var raw =
        client.get(
            g -> g.index(names.alias(ReadModel.PRODUCTS)).id("p-1"),
            com.fasterxml.jackson.databind.node.ObjectNode.class);
    assertThat(raw.source().has("price_minor")).isTrue();
    assertThat(raw.source().has("created_at")).isTrue();
  }

  @Test
  void swapAlias_movesQueriesToTheNewIndexAndKeepsTheOld() throws Exception {
    var indices = new ReadModelIndices(client, names, IndexSettings.singleNode());
    var schema = ReadModelSchema.current(ReadModel.USERS);
    indices.ensureServing(schema);
    String rebuilt = names.physicalIndex(ReadModel.USERS, schema.version(), 1);
    assertThat(indices.create(schema, rebuilt, true)).isTrue();
    assertThat(indices.create(schema, rebuilt, true)).isFalse();

    indices.finishBulkLoad(rebuilt);
    indices.swapAlias(ReadModel.USERS, rebuilt);

    assertThat(indices.physicalIndices(ReadModel.USERS))
        .extracting(PhysicalIndex::name, PhysicalIndex::generation, PhysicalIndex::serving)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(names.physicalIndex(ReadModel.USERS), 0, false),
            org.assertj.core.groups.Tuple.tuple(rebuilt, 1, true));
    assertThat(indices.servingIndex(ReadModel.USERS).orElseThrow().name()).isEqualTo(rebuilt);
  }

  @Test
  void delete_refusesTheServingIndexAndRemovesAnOldOne() throws Exception {
    var indices = new ReadModelIndices(client, names, IndexSettings.singleNode());
    var schema = ReadModelSchema.current(ReadModel.ORDERS);
    indices.ensureServing(schema);
    String old = names.physicalIndex(ReadModel.ORDERS);
    String rebuilt = names.physicalIndex(ReadModel.ORDERS, schema.version(), 1);
    indices.create(schema, rebuilt, false);
    indices.swapAlias(ReadModel.ORDERS, rebuilt);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> indices.delete(ReadModel.ORDERS, rebuilt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serves");
    indices.delete(ReadModel.ORDERS, old);

    assertThat(indices.physicalIndices(ReadModel.ORDERS))
        .extracting(PhysicalIndex::name)
        .containsExactly(rebuilt);
  }

  @Test
  void swapAlias_marksTheTargetLive_retiresOlderRebuildsOfItsVersion_keepsOtherVersionsLive()
      throws Exception {
    var indices = new ReadModelIndices(client, names, IndexSettings.singleNode());
    ReadModelSchema v1 = ReadModelSchema.current(ReadModel.USERS);
    String first = names.physicalIndex(ReadModel.USERS, 1, 0);
    String repaired = names.physicalIndex(ReadModel.USERS, 1, 1);
    indices.ensureServing(v1);
    indices.create(v1, repaired, false);

    indices.swapAlias(ReadModel.USERS, repaired);

    assertThat(indices.physicalIndices(ReadModel.USERS))
        .extracting(PhysicalIndex::name, PhysicalIndex::serving, PhysicalIndex::live)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(first, false, false),
            org.assertj.core.api.Assertions.tuple(repaired, true, true));
    // Writes through a live alias reach its index; a retired index has none to write through.
    client.index(i -> i.index(names.liveAlias(repaired)).id("u-1").document(java.util.Map.of()));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                client.index(
                    i ->
                        i.index(names.liveAlias(first))
                            .id("u-1")
                            .requireAlias(true)
                            .document(java.util.Map.of())))
        .hasMessageContaining("index_not_found");
  }

  @Test
  void parse_readsVersionAndGenerationOfOwnIndicesOnly() {
    assertThat(names.parse(ReadModel.PRODUCTS, names.physicalIndex(ReadModel.PRODUCTS, 3, 2)))
        .contains(new IndexNames.IndexVersion(3, 2));
    assertThat(names.parse(ReadModel.PRODUCTS, names.alias(ReadModel.PRODUCTS) + "_v2"))
        .contains(new IndexNames.IndexVersion(2, 0));
    assertThat(names.parse(ReadModel.PRODUCTS, names.alias(ReadModel.PRODUCTS) + "_v2_x"))
        .isEmpty();
    assertThat(names.parse(ReadModel.PRODUCTS, names.alias(ReadModel.USERS) + "_v1")).isEmpty();
  }
}
