package io.cqrsshop.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates each read model's physical index and its alias in one request, when missing. Safe to run
 * from several processes at once: whoever loses the race finds the index there.
 */
public final class ReadModelIndices {

  private static final Logger log = LoggerFactory.getLogger(ReadModelIndices.class);

  private final ElasticsearchClient client;
  private final IndexNames names;
  private final IndexSettings settings;

  public ReadModelIndices(ElasticsearchClient client, IndexNames names, IndexSettings settings) {
    this.client = client;
    this.names = names;
    this.settings = settings;
  }

  public void ensureAll() throws IOException {
    for (ReadModel model : ReadModel.values()) {
      ensure(model);
    }
  }

  public void ensure(ReadModel model) throws IOException {
    String alias = names.alias(model);
    String index = names.physicalIndex(model);
    if (client.indices().existsAlias(a -> a.name(alias)).value()) {
      return;
    }
    if (client.indices().exists(e -> e.index(index)).value()) {
      client.indices().putAlias(a -> a.index(index).name(alias));
      log.info("alias {} -> {} restored", alias, index);
      return;
    }
    try (InputStream mapping = mapping(model)) {
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .withJson(mapping)
                      .settings(
                          s ->
                              s.numberOfReplicas(Integer.toString(settings.replicas()))
                                  .refreshInterval(t -> t.time(settings.refreshInterval())))
                      .aliases(alias, a -> a));
      log.info("created index {} behind alias {}", index, alias);
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
  }

  private static InputStream mapping(ReadModel model) {
    InputStream stream = ReadModelIndices.class.getResourceAsStream(model.mappingResource());
    if (stream == null) {
      throw new UncheckedIOException(
          new IOException("missing mapping resource " + model.mappingResource()));
    }
    return stream;
  }
}
