package io.cqrsshop.projector.testing;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

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

  /**
   * Waits until every read model has been built and serves behind its alias, with its rebuild over:
   * from then on only the live path writes.
   */
  public ReadModels awaitServing() {
    return awaitServingExcept();
  }

  /** {@link #awaitServing()} for every read model but those given (built by the test itself). */
  public ReadModels awaitServingExcept(ReadModel... others) {
    java.util.Set<ReadModel> skipped = java.util.Set.of(others);
    var records =
        new io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords(client, names);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              for (ReadModel model : ReadModel.values()) {
                if (skipped.contains(model)) {
                  continue;
                }
                var record = records.get(model.baseName());
                if (record.isEmpty()
                    || record.get().value().state()
                        != io.cqrsshop.projector.application.rebuild.RebuildState.DONE) {
                  return false;
                }
              }
              return true;
            });
    return this;
  }

  /** The index the read model's alias points at; empty when it has none. */
  public Optional<String> servingIndex(ReadModel model) {
    try {
      if (!client.indices().existsAlias(a -> a.name(names.alias(model))).value()) {
        return Optional.empty();
      }
      return client.indices().getAlias(a -> a.name(names.alias(model))).result().keySet().stream()
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ElasticsearchClient client() {
    return client;
  }

  public IndexNames names() {
    return names;
  }

  /** A document read from one physical index rather than through the alias. */
  public <T> Optional<T> getFrom(String index, String id, Class<T> type) {
    try {
      GetResponse<T> response = client.get(get -> get.index(index).id(id), type);
      return response.found() ? Optional.of(response.source()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the rebuild record of a read model is one that {@code wanted} accepts (errors while
   * reading count as not yet), and gives it.
   */
  public RebuildRecord awaitRebuild(
      ReadModel model, Duration patience, Predicate<RebuildRecord> wanted) {
    return await()
        .atMost(patience)
        .ignoreExceptions()
        .until(() -> rebuild(model).filter(wanted), Optional::isPresent)
        .orElseThrow();
  }

  /** The version the products read model shows of a product; 0 while it shows none. */
  public long productVersion(String productId) {
    return get(ReadModel.PRODUCTS, productId, ProductDocument.class)
        .map(ProductDocument::version)
        .orElse(0L);
  }

  /** The rebuild record of a read model. */
  public Optional<RebuildRecord> rebuild(ReadModel model) {
    try {
      return new io.cqrsshop.projector.infrastructure.ElasticsearchRebuildRecords(client, names)
          .get(model.baseName())
          .map(io.cqrsshop.projector.application.rebuild.Versioned::value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Documents of one physical index, after a refresh. */
  public long countIn(String index) {
    try {
      client.indices().refresh(refresh -> refresh.index(index));
      return client.count(count -> count.index(index)).count();
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
