package io.cqrsshop.projector.infrastructure;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The projector's own indices beside the read models: the parked events and the rebuild records.
 * Created when missing; safe to run from several processes at once.
 */
public final class ControlIndices {

  private final ElasticsearchClient client;
  private final IndexNames names;
  private final IndexSettings settings;

  public ControlIndices(ElasticsearchClient client, IndexNames names, IndexSettings settings) {
    this.client = client;
    this.names = names;
    this.settings = settings;
  }

  public void ensure() throws IOException {
    create(names.parkedEvents(), "/projector/parked-events.json");
    create(names.rebuilds(), "/projector/rebuilds.json");
  }

  private void create(String index, String resource) throws IOException {
    if (client.indices().exists(e -> e.index(index)).value()) {
      return;
    }
    try (InputStream mapping = ControlIndices.class.getResourceAsStream(resource)) {
      if (mapping == null) {
        throw new UncheckedIOException(new IOException("missing resource " + resource));
      }
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .withJson(mapping)
                      .settings(s -> s.numberOfReplicas(Integer.toString(settings.replicas()))));
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
  }
}
