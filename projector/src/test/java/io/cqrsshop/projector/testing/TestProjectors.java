package io.cqrsshop.projector.testing;

import io.cqrsshop.projector.ProjectorConfig;
import io.cqrsshop.testing.TestElasticsearch;
import java.util.HashMap;
import java.util.Map;

/** Configurations for projectors started in-process against a test NATS and Elasticsearch. */
public final class TestProjectors {

  private TestProjectors() {}

  public static ProjectorConfig config(String natsUrl, String indexPrefix) {
    return config(natsUrl, indexPrefix, Map.of());
  }

  /** The test defaults (free ports, short ack wait and grace) with some variables overridden. */
  public static ProjectorConfig config(
      String natsUrl, String indexPrefix, Map<String, String> overrides) {
    return ProjectorConfig.fromEnv(env(natsUrl, indexPrefix, overrides));
  }

  /** The environment of {@link #config}, for a projector in a JVM of its own. */
  public static Map<String, String> env(
      String natsUrl, String indexPrefix, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("PROJECTOR_LISTEN_HOST", "127.0.0.1");
    env.put("PROJECTOR_HEALTH_PORT", "0");
    env.put("PROJECTOR_METRICS_PORT", "0");
    env.put("PROJECTOR_NATS_URL", natsUrl);
    env.put("PROJECTOR_ELASTICSEARCH_URL", TestElasticsearch.url());
    env.put("PROJECTOR_INDEX_PREFIX", indexPrefix);
    env.put("PROJECTOR_ACK_WAIT", "10s");
    env.put("PROJECTOR_LIFECYCLE_INTERVAL", "300ms");
    env.put("PROJECTOR_REBUILD_LEASE", "5s");
    env.put("PROJECTOR_PARKED_RETRY_INTERVAL", "1s");
    env.put("PROJECTOR_SHUTDOWN_GRACE", "5s");
    env.putAll(overrides);
    return env;
  }
}
