package io.cqrsshop.projector.infrastructure;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cqrsshop.projector.application.ParkReason;
import io.cqrsshop.projector.application.ParkedEvent;
import io.cqrsshop.projector.application.ParkedEvents;
import io.cqrsshop.readmodel.IndexNames;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Parked events as documents of their own index, keyed by event id. */
public final class ElasticsearchParkedEvents implements ParkedEvents {

  private final ElasticsearchClient client;
  private final String index;

  public ElasticsearchParkedEvents(ElasticsearchClient client, IndexNames names) {
    this.client = client;
    this.index = names.parkedEvents();
  }

  @Override
  public void park(List<ParkedEvent> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    BulkResponse response =
        client.bulk(
            b ->
                b.operations(
                    events.stream()
                        .map(
                            event ->
                                BulkOperation.of(
                                    op ->
                                        op.index(
                                            i -> i.index(index).id(event.id()).document(event))))
                        .toList()));
    for (BulkResponseItem item : response.items()) {
      if (item.error() != null) {
        throw new IOException(
            "cannot park event "
                + item.id()
                + ": "
                + item.error().type()
                + " "
                + item.error().reason());
      }
    }
  }

  @Override
  public List<ParkedEvent> list(Optional<ParkReason> reason, Cursor after, int limit)
      throws IOException {
    Query filter =
        reason
            .map(r -> Query.of(q -> q.term(t -> t.field("reason").value(r.name()))))
            .orElse(Query.of(q -> q.matchAll(m -> m)));
    return client
        .search(
            s -> {
              s.index(index)
                  .ignoreUnavailable(true)
                  .allowNoIndices(true)
                  .size(limit)
                  .query(filter)
                  .sort(o -> o.field(f -> f.field("stream_sequence").order(SortOrder.Asc)))
                  .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
              if (!after.equals(Cursor.START)) {
                s.searchAfter(v -> v.longValue(after.streamSequence()))
                    .searchAfter(v -> v.stringValue(after.id()));
              }
              return s;
            },
            ParkedEvent.class)
        .hits()
        .hits()
        .stream()
        .map(Hit::source)
        .filter(Objects::nonNull)
        .toList();
  }

  @Override
  public Optional<ParkedEvent> get(String id) throws IOException {
    try {
      GetResponse<ParkedEvent> response = client.get(g -> g.index(index).id(id), ParkedEvent.class);
      return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void remove(String id) throws IOException {
    BulkResponse response =
        client.bulk(b -> b.operations(op -> op.delete(d -> d.index(index).id(id))));
    BulkResponseItem item = response.items().getFirst();
    if (item.error() != null && item.status() != 404) {
      throw new IOException("cannot remove parked event " + id + ": " + item.error().reason());
    }
  }

  @Override
  public long count() throws IOException {
    return client.count(c -> c.index(index).ignoreUnavailable(true).allowNoIndices(true)).count();
  }
}
