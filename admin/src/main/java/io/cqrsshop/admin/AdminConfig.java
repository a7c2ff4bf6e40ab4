package io.cqrsshop.admin;

import io.cqrsshop.readmodel.ElasticsearchConnection;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.Secret;
import java.util.Map;
import java.util.Set;

/**
 * The operator tool's configuration, read once from {@code ADMIN_*} environment variables; the
 * defaults reach the local stack of {@code ./dev up}. The database is only needed by the commands
 * that read the write model (drift check, loading the history from PostgreSQL).
 */
public record AdminConfig(
    ElasticsearchConnection elasticsearch,
    String indexPrefix,
    int indexReplicas,
    String indexRefreshInterval,
    String dbUrl,
    String dbUser,
    Secret dbPassword) {

  public static final String PREFIX = "ADMIN_";

  public static AdminConfig fromEnv(Map<String, String> env) {
    return EnvReader.parse(PREFIX, env, AdminConfig::read);
  }

  /** Every variable the tool reads, with its prefix. */
  public static Set<String> variables() {
    return EnvReader.variables(PREFIX, AdminConfig::read);
  }

  private static AdminConfig read(EnvReader env) {
    return new AdminConfig(
        ElasticsearchConnection.read(env),
        env.string("INDEX_PREFIX", "", IndexNames::isValidPrefix, IndexNames.PREFIX_RULE),
        env.integer("INDEX_REPLICAS", 0, 0, 10),
        env.string("INDEX_REFRESH_INTERVAL", "1s"),
        env.postgresUrl("DB_URL", "jdbc:postgresql://127.0.0.1:5432/cqrsshop"),
        // The tool's own role: it reads, and may put set-aside events back (see command-service's
        // db/grants.sql).
        env.string("DB_USER", "cqrsshop_admin"),
        // No default password (./dev admin passes the local one).
        env.secret("DB_PASSWORD", ""));
  }

  public IndexNames indexNames() {
    return new IndexNames(indexPrefix);
  }

  public IndexSettings indexSettings() {
    return new IndexSettings(indexReplicas, indexRefreshInterval);
  }
}
