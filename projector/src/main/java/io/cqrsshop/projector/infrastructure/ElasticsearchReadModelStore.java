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
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Writes read-model documents to Elasticsearch with one {@code _bulk} request per batch, each
 * document whole and externally versioned by its aggregate version: live writes go through the
 * index's live alias with {@code version_type=external} (only a newer version replaces a document),
 * a rebuild's into its index with {@code external_gte} (its copy also wins over one of the same
 * version).
 */
public final class ElasticsearchReadModelStore implements ReadModelStore {

  private final ElasticsearchClient client;
  private final IndexNames names;

  public ElasticsearchReadModelStore(ElasticsearchClient client, IndexNames names) {
    this.client = client;
    this.names = names;
  }

  @Override
  public List<WriteResult> write(String index, List<DocumentWrite> writes) throws IOException {
    // requireAlias: once the index is deleted, its live alias is gone too, and the write fails
    // instead of creating the index anew with guessed mappings.
    String live = names.liveAlias(index);
    return bulk(writes, write -> live, VersionType.External, true);
  }

  @Override
  public List<WriteResult> writeTo(String index, List<DocumentWrite> writes) throws IOException {
    return bulk(writes, write -> index, VersionType.ExternalGte, false);
  }

  private List<WriteResult> bulk(
      List<DocumentWrite> writes,
      Function<DocumentWrite, String> index,
      VersionType versionType,
      boolean requireAlias)
      throws IOException {
    if (writes.isEmpty()) {
      return List.of();
    }
    BulkRequest request =
        new BulkRequest.Builder()
            .requireAlias(requireAlias)
            .operations(
                writes.stream()
                    .map(write -> operation(write, index.apply(write), versionType))
                    .toList())
            .build();
    BulkResponse response = client.bulk(request);
    if (response.items().size() != writes.size()) {
      throw new IOException(
          "bulk response has " + response.items().size() + " items for " + writes.size());
    }
    return response.items().stream().map(BulkItemClassifier::classify).toList();
  }

  private static BulkOperation operation(DocumentWrite write, String index, VersionType type) {
    return BulkOperation.of(
        op ->
            op.index(
                i ->
                    i.index(index)
                        .id(write.id())
                        .version(write.version())
                        .versionType(type)
                        .document(write.document())));
  }
}
