package io.cqrsshop.projector.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reads what the projector wrote, straight from Elasticsearch (real-time gets, no refresh). */
public final class ReadModels implements AutoCloseable {

  private final ElasticsearchClient client;
  private final IndexNames names;

  public ReadModels(String prefix) {
    this.client =
        ElasticsearchClients.create(ElasticsearchConnection.anonymous(TestElasticsearch.url()));
    this.names = new IndexNames(prefix);
  }

  public <T> Optional<T> get(ReadModel model, String id, Class<T> type) {
    try {
      GetResponse<T> response = client.get(get -> get.index(names.alias(model)).id(id), type);
      return response.found() ? Optional.of(response.source()) : Optional.empty();
    } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long count(ReadModel model) {
    try {
      client.indices().refresh(refresh -> refresh.index(names.alias(model)));
      return client.count(count -> count.index(names.alias(model))).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
