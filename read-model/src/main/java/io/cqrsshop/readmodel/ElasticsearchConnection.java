package io.cqrsshop.readmodel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to reach Elasticsearch: a base URL ({@code https://} verified against {@code caFile} when
 * given, else against the JVM's trust store) and, where security is on, an API key or basic-auth
 * credentials.
 */
public record ElasticsearchConnection(
    String url, Optional<String> username, String password, Optional<Path> caFile, String apiKey) {

  public ElasticsearchConnection(String url, Optional<String> username, String password) {
    this(url, username, password, Optional.empty(), "");
  }

  public static ElasticsearchConnection anonymous(String url) {
    return new ElasticsearchConnection(url, Optional.empty(), "");
  }

  /**
   * This connection verified against a CA and authenticated by an API key (either may be unset).
   */
  public ElasticsearchConnection withTls(Optional<Path> ca, String key) {
    return new ElasticsearchConnection(url, username, password, ca, key);
  }

  @Override
  public String toString() {
    return url
        + username.map(user -> " (as " + user + ")").orElse("")
        + (apiKey.isEmpty() ? "" : " (with an API key)");
  }
}
