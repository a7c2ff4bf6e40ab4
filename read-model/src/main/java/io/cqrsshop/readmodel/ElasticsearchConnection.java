package io.cqrsshop.readmodel;

import java.util.Optional;

/** How to reach Elasticsearch: a base URL and, where security is on, basic-auth credentials. */
public record ElasticsearchConnection(String url, Optional<String> username, String password) {

  public static ElasticsearchConnection anonymous(String url) {
    return new ElasticsearchConnection(url, Optional.empty(), "");
  }

  @Override
  public String toString() {
    return url + username.map(user -> " (as " + user + ")").orElse("");
  }
}
