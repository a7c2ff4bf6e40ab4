package io.cqrsshop.testing;

import java.util.Optional;

/**
 * Where integration tests find the real PostgreSQL, Elasticsearch and nats-server.
 *
 * <p>{@code ./dev test} provisions them and exports the variables below. Run outside it, a test
 * falls back to Testcontainers for PostgreSQL and Elasticsearch when a Docker engine is available,
 * and otherwise fails with a message saying how to provide them: an integration test is never
 * silently skipped.
 */
final class TestInfrastructure {

  static final String POSTGRES_URL = "CQRSSHOP_TEST_POSTGRES_URL";
  static final String POSTGRES_USER = "CQRSSHOP_TEST_POSTGRES_USER";
  static final String POSTGRES_PASSWORD = "CQRSSHOP_TEST_POSTGRES_PASSWORD";
  static final String POSTGRES_CA = "CQRSSHOP_TEST_POSTGRES_CA";
  static final String ELASTICSEARCH_URL = "CQRSSHOP_TEST_ELASTICSEARCH_URL";
  static final String NATS_SERVER = "CQRSSHOP_TEST_NATS_SERVER";

  private TestInfrastructure() {}

  static Optional<String> env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  static IllegalStateException missing(String what, String variable) {
    return new IllegalStateException(
        what
            + " is not available to this test: run the tests with ./dev test, which provisions"
            + " it, or set "
            + variable
            + " (a Docker engine also works, through Testcontainers).");
  }
}
