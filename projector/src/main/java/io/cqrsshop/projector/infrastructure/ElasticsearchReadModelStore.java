package io.cqrsshop.projector.infrastructure;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.cqrsshop.projector.application.ReadModelStore;
import io.cqrsshop.projector.application.WriteResult;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModelIndices;
import java.io.IOException;
import java.util.List;

/**
 * Writes read-model documents to Elasticsearch with one {@code _bulk} request per batch, each
 * document whole and with {@code version_type=external}, so a document is only ever replaced by a
 * newer version of itself.
 */
public final class ElasticsearchReadModelStore implements ReadModelStore {

  private final ElasticsearchClient client;
  private final IndexNames names;
  private final ReadModelIndices indices;

  public ElasticsearchReadModelStore(
      ElasticsearchClient client, IndexNames names, ReadModelIndices indices) {
    this.client = client;
    this.names = names;
    this.indices = indices;
  }

  @Override
  public void prepare() throws IOException {
    indices.ensureAll();
  }

  @Override
  public List<WriteResult> write(List<DocumentWrite> writes) throws IOException {
    BulkRequest request =
        new BulkRequest.Builder()
            // Without it a missing alias would be auto-created as an index with guessed mappings.
            .requireAlias(true)
            .operations(writes.stream().map(this::operation).toList())
            .build();
    BulkResponse response = client.bulk(request);
    if (response.items().size() != writes.size()) {
      throw new IOException(
          "bulk response has " + response.items().size() + " items for " + writes.size());
    }
    if (response.items().stream().anyMatch(BulkItemClassifier::isMissingIndex)) {
      indices.ensureAll();
    }
    return response.items().stream().map(BulkItemClassifier::classify).toList();
  }

  private BulkOperation operation(DocumentWrite write) {
    return BulkOperation.of(
        op ->
            op.index(
                index ->
                    index
                        .index(names.alias(write.model()))
                        .id(write.id())
                        .version(write.version())
                        .versionType(VersionType.External)
                        .document(write.document())));
  }
}
