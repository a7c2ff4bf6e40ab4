package io.cqrsshop.projector.testing;

import io.cqrsshop.projector.ProjectorApplication;
import io.cqrsshop.projector.ProjectorBuild;
import io.cqrsshop.projector.ProjectorConfig;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.testing.NatsServerProcess;
import io.cqrsshop.testing.StackExtension;
import io.cqrsshop.testing.TcpProxy;
import io.cqrsshop.testing.TestElasticsearch;
import io.nats.client.api.ConsumerInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A nats-server and an index prefix of a test's own, with the projectors, streams and proxies the
 * test starts against them, all removed after it: projectors first, then what the test kept, then
 * the server and the indices. A JUnit extension (see {@link StackExtension} for its scope).
 */
public final class ProjectorStack extends StackExtension {

  public final NatsServerProcess nats = NatsServerProcess.start();
  public final String prefix = TestElasticsearch.uniquePrefix();
  public final ReadModels readModels;

  /** The projectors started through {@link #start}, shut down after the test. */
  public final List<ProjectorApplication> projectors = new ArrayList<>();

  private final Deque<AutoCloseable> kept = new ArrayDeque<>();
  private EventStream stream;

  public ProjectorStack() {
    try {
      readModels = new ReadModels(prefix);
    } catch (RuntimeException e) {
      nats.close();
      throw e;
    }
  }

  /** The event stream as command-service creates it, on first use. */
  public synchronized EventStream stream() {
    if (stream == null) {
      stream = keep(EventStream.create(nats.url()));
    }
    return stream;
  }

  /** Something the test started that must be closed after it (a proxy, another stream). */
  public synchronized <T extends AutoCloseable> T keep(T closeable) {
    kept.push(closeable);
    return closeable;
  }

  /** The test defaults against this stack (see {@link TestProjectors}). */
  public ProjectorConfig config() {
    return config(Map.of());
  }

  public ProjectorConfig config(Map<String, String> overrides) {
    return TestProjectors.config(nats.url(), prefix, overrides);
  }

  public ProjectorApplication start(ProjectorConfig config) {
    return start(config, ProjectorBuild.current());
  }

  /** A proxy in front of the test Elasticsearch, for a test to cut and restore; kept. */
  public TcpProxy elasticsearchProxy() {
    return keep(TcpProxy.forUrl(TestElasticsearch.url()));
  }

  /** A projector that reaches Elasticsearch through the given proxy. */
  public ProjectorApplication startBehind(TcpProxy elasticsearch) {
    return start(
        config(
            Map.of(
                "PROJECTOR_ELASTICSEARCH_URL", elasticsearch.proxiedUrl(TestElasticsearch.url()))));
  }

  /** A projector of another build, as a rolling deployment runs older and newer ones. */
  public synchronized ProjectorApplication start(ProjectorConfig config, ProjectorBuild build) {
    ProjectorApplication projector = ProjectorApplication.start(config, build);
    projectors.add(projector);
    return projector;
  }

  /** The durable consumer of the index that the read model's alias serves. */
  public ConsumerInfo consumer(ReadModel model) {
    String index =
        readModels
            .servingIndex(model)
            .orElseThrow(() -> new IllegalStateException(model + " has no serving index"));
    return stream().consumer(IndexNames.consumer(config().natsConsumer(), index));
  }

  /**
   * Whether the consumer of every serving index has delivered every event of its subjects and holds
   * none unacknowledged.
   */
  public boolean settled() {
    for (ReadModel model : ReadModel.values()) {
      ConsumerInfo consumer = consumer(model);
      if (consumer.getNumPending() != 0 || consumer.getNumAckPending() != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void stop() throws Exception {
    projectors.forEach(ProjectorApplication::shutdown);
    while (!kept.isEmpty()) {
      kept.pop().close();
    }
    nats.close();
    readModels.close();
    TestElasticsearch.deleteIndices(prefix);
  }
}
