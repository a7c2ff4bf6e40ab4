package io.cqrsshop.readmodel;

import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.config.EnvReader.Credentials;
import io.cqrsshop.runtime.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to reach Elasticsearch: a base URL ({@code https://} verified against {@code caFile} when
 * given, else against the JVM's trust store) and, where security is on, basic-auth credentials or
 * an API key.
 */
public record ElasticsearchConnection(
    String url, Optional<String> username, Secret password, Optional<Path> caFile, Secret apiKey) {

  public static ElasticsearchConnection anonymous(String url) {
    return new ElasticsearchConnection(
        url, Optional.empty(), new Secret(""), Optional.empty(), new Secret(""));
  }

  /**
   * Reads {@code ELASTICSEARCH_URL}, {@code _USERNAME}, {@code _PASSWORD}, {@code _CA_FILE} and
   * {@code _API_KEY} (each with the service's prefix); reports bad values to {@code env}.
   */
  public static ElasticsearchConnection read(EnvReader env) {
    String url = env.httpUrl("ELASTICSEARCH_URL", "http://127.0.0.1:9200");
    Credentials credentials = env.credentials("ELASTICSEARCH_USERNAME", "ELASTICSEARCH_PASSWORD");
    String ca = env.string("ELASTICSEARCH_CA_FILE", "");
    Secret apiKey = env.secret("ELASTICSEARCH_API_KEY", "");
    if (!ca.isEmpty() && !Files.isReadable(Path.of(ca))) {
      env.problem(env.prefix() + "ELASTICSEARCH_CA_FILE is not a readable file: " + ca);
    }
    if (!ca.isEmpty() && !url.startsWith("https://")) {
      env.problem(env.prefix() + "ELASTICSEARCH_CA_FILE needs an https:// ELASTICSEARCH_URL");
    }
    if (credentials.user().isPresent() && !apiKey.value().isEmpty()) {
      env.problem(
          env.prefix() + "ELASTICSEARCH_USERNAME and ELASTICSEARCH_API_KEY exclude each other");
    }
    return new ElasticsearchConnection(
        url,
        credentials.user(),
        credentials.password(),
        ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)),
        apiKey);
  }

  @Override
  public String toString() {
    return url
        + username.map(user -> " (as " + user + ")").orElse("")
        + (apiKey.value().isEmpty() ? "" : " (with an API key)")
        + caFile.map(ca -> " (CA " + ca + ")").orElse("");
  }
}
