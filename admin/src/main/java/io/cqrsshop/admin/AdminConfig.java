package io.cqrsshop.admin;

import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator tool's configuration, read once from {@code ADMIN_*} environment variables; the
 * defaults reach the local stack of {@code ./dev up}. The database is only needed by the commands
 * that read the write model (drift check, loading the history from PostgreSQL).
 */
public record AdminConfig(
    String elasticsearchUrl,
    Optional<String> elasticsearchUsername,
    Secret elasticsearchPassword,
    String indexPrefix,
    int indexReplicas,
    String indexRefreshInterval,
    String dbUrl,
    String dbUser,
    Secret dbPassword) {

  public static final String PREFIX = "ADMIN_";

  public static AdminConfig fromEnv(Map<String, String> env) {
    EnvReader reader = new EnvReader(PREFIX, env);
    AdminConfig config = read(reader);
    if (!IndexNames.isValidPrefix(config.indexPrefix)) {
      reader.problem(PREFIX + "INDEX_PREFIX must be lower case letters, digits, '_', '.', '-'");
    }
    if (!config.dbUrl.startsWith("jdbc:postgresql:")) {
      reader.problem(PREFIX + "DB_URL must be a jdbc:postgresql: URL");
    }
    reader.validate();
    return config;
  }

  /** Every variable the tool reads, with its prefix. */
  public static Set<String> variables() {
    EnvReader reader = new EnvReader(PREFIX, Map.of());
    read(reader);
    return Set.copyOf(reader.names());
  }

  private static AdminConfig read(EnvReader env) {
    String username = env.string("ELASTICSEARCH_USERNAME", "");
    return new AdminConfig(
        env.string("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
        username.isEmpty() ? Optional.empty() : Optional.of(username),
        env.secret("ELASTICSEARCH_PASSWORD", ""),
        env.string("INDEX_PREFIX", ""),
        env.integer("INDEX_REPLICAS", 0, 0, 10),
        env.string("INDEX_REFRESH_INTERVAL", "1s"),
        env.string("DB_URL", "jdbc:postgresql://127.0.0.1:5432/cqrsshop"),
        env.string("DB_USER", "cqrsshop"),
        env.secret("DB_PASSWORD", "cqrsshop"));
  }

  public ElasticsearchConnection elasticsearch() {
    return new ElasticsearchConnection(
        elasticsearchUrl, elasticsearchUsername, elasticsearchPassword.value());
  }

  public IndexNames indexNames() {
    return new IndexNames(indexPrefix);
  }

  public IndexSettings indexSettings() {
    return new IndexSettings(indexReplicas, indexRefreshInterval);
  }
}
