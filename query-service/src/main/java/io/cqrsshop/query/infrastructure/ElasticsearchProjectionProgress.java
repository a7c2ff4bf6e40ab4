package io.cqrsshop.query.infrastructure;

import io.cqrsshop.query.application.ProjectionProgress;
import io.cqrsshop.query.application.Visibility;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateVersion;
import java.util.List;
import java.util.Map;

/** Reads projection progress from the documents' versions in Elasticsearch. */
public final class ElasticsearchProjectionProgress implements ProjectionProgress {

  private final ElasticsearchReader reader;
  private final IndexNames names;

  public ElasticsearchProjectionProgress(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.names = names;
  }

  @Override
  public boolean hasCaughtUp(
      ReadModel model, Visibility visibility, List<AggregateVersion> writes) {
    String index = names.alias(model);
    if (!model.keyedByAggregate()) {
      return reader.count("consistency_check", ProgressQueries.visibleHistory(index, writes))
          >= writes.size();
    }
    return switch (visibility) {
      case LOOKUP -> {
        Map<String, Long> stored =
            reader.versions("consistency_lookup", ProgressQueries.storedVersions(index, writes));
        yield writes.stream()
            .allMatch(write -> stored.getOrDefault(write.id().toString(), 0L) >= write.version());
      }
      case SEARCH ->
          reader.count("consistency_check", ProgressQueries.visibleWrites(index, writes))
              >= writes.size();
    };
  }
}
