package io.cqrsshop.projector.infrastructure;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.cqrsshop.readmodel.ElasticsearchClients;
import io.cqrsshop.runtime.health.DependencyCheck;

/** Ready only while the Elasticsearch cluster answers and is not red. */
public final class ElasticsearchHealthCheck implements DependencyCheck {

  private final ElasticsearchClient client;

  public ElasticsearchHealthCheck(ElasticsearchClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "elasticsearch";
  }

  @Override
  public void check() throws Exception {
    ElasticsearchClients.checkHealthy(client);
  }
}
