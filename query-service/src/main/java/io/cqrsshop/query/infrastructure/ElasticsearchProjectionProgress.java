package io.cqrsshop.query.infrastructure;

import io.cqrsshop.query.application.ProjectionProgress;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateVersion;
import java.util.List;

/** Reads projection progress from the documents' versions in Elasticsearch. */
public final class ElasticsearchProjectionProgress implements ProjectionProgress {

  private final ElasticsearchReader reader;
  private final IndexNames names;

  public ElasticsearchProjectionProgress(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.names = names;
  }

  @Override
  public boolean hasCaughtUp(ReadModel model, List<AggregateVersion> writes) {
    long visible =
        reader.count(
            "consistency_check", ProgressQueries.visibleWrites(names.alias(model), writes));
    return visible >= writes.size();
  }
}
