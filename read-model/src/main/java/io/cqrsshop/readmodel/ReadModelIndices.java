package io.cqrsshop.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.IndexState;
import co.elastic.clients.elasticsearch.indices.get.Feature;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical indices of the read models and the aliases in front of them: listing them, creating
 * one for a rebuild, and moving an alias in one atomic step. Every operation is safe to repeat and
 * to run from several processes at once.
 */
public final class ReadModelIndices {

  private static final Logger log = LoggerFactory.getLogger(ReadModelIndices.class);
  private static final String ALREADY_EXISTS = "resource_already_exists_exception";

  private final ElasticsearchClient client;
  private final IndexNames names;
  private final IndexSettings settings;

  public ReadModelIndices(ElasticsearchClient client, IndexNames names, IndexSettings settings) {
    this.client = client;
    this.names = names;
    this.settings = settings;
  }

  public IndexNames names() {
    return names;
  }

  /** Every physical index of a read model, oldest version first. */
  public List<PhysicalIndex> physicalIndices(ReadModel model) throws IOException {
    String alias = names.alias(model);
    Map<String, IndexState> found =
        client
            .indices()
            .get(
                get ->
                    get.index(names.physicalPattern(model))
                        // Only the aliases: the projector asks every few seconds, and the mappings
                        // and settings made each answer cost it more than a small bulk write.
                        .features(Feature.Aliases)
                        .allowNoIndices(true)
                        .ignoreUnavailable(true))
            .result();
    List<PhysicalIndex> indices = new ArrayList<>();
    found.forEach(
        (name, state) ->
            names
                .parse(model, name)
                .ifPresent(
                    version ->
                        indices.add(
                            new PhysicalIndex(
                                model,
                                name,
                                version.version(),
                                version.generation(),
                                state.aliases().containsKey(alias),
                                state.aliases().containsKey(names.liveAlias(name))))));
    indices.sort(
        Comparator.comparingInt(PhysicalIndex::version).thenComparing(PhysicalIndex::generation));
    return indices;
  }

  /** The physical index that queries read now; empty while the read model has no alias. */
  public Optional<PhysicalIndex> servingIndex(ReadModel model) throws IOException {
    return physicalIndices(model).stream().filter(PhysicalIndex::serving).findFirst();
  }

  /**
   * Creates the index behind the alias when the read model has none yet, empty. For tests and tools
   * that need a read model to exist; the projector builds its indices from the history.
   */
  public void ensureServing(ReadModelSchema schema) throws IOException {
    if (servingIndex(schema.model()).isPresent()) {
      return;
    }
    String index = names.physicalIndex(schema.model(), schema.version(), 0);
    create(schema, index, false);
    swapAlias(schema.model(), index);
  }

  /** {@link #ensureServing} for every read model at the code's current version. */
  public void ensureAll() throws IOException {
    for (ReadModelSchema schema : ReadModelSchemas.standard().schemas()) {
      ensureServing(schema);
    }
  }

  /**
   * Creates a physical index with the schema's mapping, unless it exists. For a bulk load, the
   * index starts without replicas and without periodic refreshes; {@link #finishBulkLoad} gives it
   * the live settings.
   *
   * @return whether this call created it
   */
  public boolean create(ReadModelSchema schema, String index, boolean bulkLoad) throws IOException {
    try (InputStream mapping = mapping(schema)) {
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .withJson(mapping)
                      .settings(
                          s ->
                              s.numberOfReplicas(
                                      Integer.toString(bulkLoad ? 0 : settings.replicas()))
                                  .refreshInterval(
                                      t -> t.time(bulkLoad ? "-1" : settings.refreshInterval()))));
      log.info("created index {} ({}{})", index, schema, bulkLoad ? ", for a bulk load" : "");
      return true;
    } catch (ElasticsearchException e) {
      if (ALREADY_EXISTS.equals(e.error().type())) {
        return false;
      }
      throw e;
    }
  }

  /** Gives a bulk-loaded index the live replicas and refresh interval, and makes it searchable. */
  public void finishBulkLoad(String index) throws IOException {
    client
        .indices()
        .putSettings(
            p ->
                p.index(index)
                    .settings(
                        s ->
                            s.numberOfReplicas(Integer.toString(settings.replicas()))
                                .refreshInterval(t -> t.time(settings.refreshInterval()))));
    client.indices().refresh(r -> r.index(index));
  }

  /**
   * Points the alias at {@code index} and away from every other index, and marks {@code index}
   * live, in one atomic step. An older rebuild of the same version stops being live: the new one
   * replaces it. Indices of other versions stay live, so that their builds keep them current for a
   * rollback.
   */
  public void swapAlias(ReadModel model, String index) throws IOException {
    String alias = names.alias(model);
    int version =
        names
            .parse(model, index)
            .orElseThrow(() -> new IllegalArgumentException(index + " is not an index of " + model))
            .version();
    List<Action> actions = new ArrayList<>();
    for (PhysicalIndex current : physicalIndices(model)) {
      if (current.name().equals(index)) {
        continue;
      }
      if (current.serving()) {
        actions.add(Action.of(a -> a.remove(r -> r.index(current.name()).alias(alias))));
      }
      if (current.live() && current.version() == version) {
        actions.add(
            Action.of(
                a ->
                    a.remove(r -> r.index(current.name()).alias(names.liveAlias(current.name())))));
      }
    }
    actions.add(Action.of(a -> a.add(add -> add.index(index).alias(alias))));
    actions.add(Action.of(a -> a.add(add -> add.index(index).alias(names.liveAlias(index)))));
    client.indices().updateAliases(u -> u.actions(actions));
    log.info("alias {} now points at {}, which is live", alias, index);
  }

  /**
   * Marks a serving index live that has no live alias yet: an index made before indices had them,
   * which the projectors of its version then adopt.
   */
  public void markLive(String index) throws IOException {
    client
        .indices()
        .updateAliases(
            u -> u.actions(a -> a.add(add -> add.index(index).alias(names.liveAlias(index)))));
    log.info("{} is live", index);
  }

  /** Deletes a physical index; refuses the one the alias points at. */
  public void delete(ReadModel model, String index) throws IOException {
    Optional<PhysicalIndex> found =
        physicalIndices(model).stream().filter(i -> i.name().equals(index)).findFirst();
    if (found.isEmpty()) {
      throw new IllegalArgumentException(index + " is not an index of read model " + model);
    }
    if (found.get().serving()) {
      throw new IllegalArgumentException(
          index + " is the index that " + names.alias(model) + " serves; it cannot be deleted");
    }
    client.indices().delete(d -> d.index(index));
    log.info("deleted index {}", index);
  }

  private static InputStream mapping(ReadModelSchema schema) {
    InputStream stream = ReadModelIndices.class.getResourceAsStream(schema.mappingResource());
    if (stream == null) {
      throw new UncheckedIOException(
          new IOException("missing mapping resource " + schema.mappingResource()));
    }
    return stream;
  }
}
