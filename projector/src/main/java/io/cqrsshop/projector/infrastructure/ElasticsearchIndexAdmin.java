package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.rebuild.IndexAdmin;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelIndices;
import io.cqrsshop.readmodel.ReadModelSchema;
import java.io.IOException;
import java.util.List;

/** {@link IndexAdmin} on the read-model indices in Elasticsearch. */
public final class ElasticsearchIndexAdmin implements IndexAdmin {

  private final ReadModelIndices indices;

  public ElasticsearchIndexAdmin(ReadModelIndices indices) {
    this.indices = indices;
  }

  @Override
  public IndexNames names() {
    return indices.names();
  }

  @Override
  public List<PhysicalIndex> indices(ReadModel model) throws IOException {
    return indices.physicalIndices(model);
  }

  @Override
  public void createForBulkLoad(ReadModelSchema schema, String index) throws IOException {
    indices.create(schema, index, true);
  }

  @Override
  public void finishBulkLoad(String index) throws IOException {
    indices.finishBulkLoad(index);
  }

  @Override
  public void markLive(String index) throws IOException {
    indices.markLive(index);
  }

  @Override
  public void swapAlias(ReadModel model, String index) throws IOException {
    indices.swapAlias(model, index);
  }
}
