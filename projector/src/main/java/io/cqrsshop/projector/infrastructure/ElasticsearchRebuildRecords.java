package io.cqrsshop.projector.infrastructure;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildRecords;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.readmodel.IndexNames;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Rebuild records as documents keyed by read model, changed with Elasticsearch's optimistic
 * concurrency control ({@code if_seq_no} and {@code if_primary_term}). Writes go through one-item
 * bulk requests, whose per-item status tells a conflict (409) from a failure.
 */
public final class ElasticsearchRebuildRecords implements RebuildRecords {

  private final ElasticsearchClient client;
  private final String index;

  public ElasticsearchRebuildRecords(ElasticsearchClient client, IndexNames names) {
    this.client = client;
    this.index = names.rebuilds();
  }

  @Override
  public Optional<Versioned<RebuildRecord>> get(String readModel) throws IOException {
    GetResponse<RebuildRecord> response;
    try {
      response = client.get(g -> g.index(index).id(readModel), RebuildRecord.class);
    } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    if (!response.found() || response.source() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Versioned<>(response.source(), response.seqNo(), response.primaryTerm()));
  }

  @Override
  public boolean create(RebuildRecord record) throws IOException {
    BulkResponseItem item =
        one(
            BulkOperation.of(
                op -> op.create(c -> c.index(index).id(record.readModel()).document(record))));
    return item.error() == null;
  }

  @Override
  public Optional<Versioned<RebuildRecord>> replace(
      Versioned<RebuildRecord> current, RebuildRecord next) throws IOException {
    BulkResponseItem item =
        one(
            BulkOperation.of(
                op ->
                    op.index(
                        i ->
                            i.index(index)
                                .id(next.readModel())
                                .ifSeqNo(current.seqNo())
                                .ifPrimaryTerm(current.primaryTerm())
                                .document(next))));
    if (item.error() != null) {
      return Optional.empty();
    }
    return Optional.of(new Versioned<>(next, item.seqNo(), item.primaryTerm()));
  }

  @Override
  public List<Versioned<RebuildRecord>> all() throws IOException {
    client.indices().refresh(r -> r.index(index).ignoreUnavailable(true).allowNoIndices(true));
    return client
        .search(
            s ->
                s.index(index)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .size(100)
                    .seqNoPrimaryTerm(true),
            RebuildRecord.class)
        .hits()
        .hits()
        .stream()
        .filter(hit -> hit.source() != null)
        .map(hit -> new Versioned<>(hit.source(), hit.seqNo(), hit.primaryTerm()))
        .toList();
  }

  /** Sends one write; a conflict comes back as the item's error, other failures as exceptions. */
  private BulkResponseItem one(BulkOperation operation) throws IOException {
    BulkResponse response = client.bulk(b -> b.operations(operation));
    BulkResponseItem item = response.items().getFirst();
    if (item.error() != null && item.status() != 409) {
      throw new IOException(
          "cannot store the rebuild record: " + item.error().type() + " " + item.error().reason());
    }
    return item;
  }
}
