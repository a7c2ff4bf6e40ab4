package io.cqrsshop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void help_listsEveryCommand_withoutReachingAnything() {
    assertThat(run(Map.of(), "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("status", "rebuild", "parked", "drift", "indices", "relay");
  }

  @Test
  void unknownReadModel_isUsageErrorNamingTheKnownOnes() {
    assertThat(run(Map.of(), "rebuild", "catalog")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("unknown read model 'catalog'", "products, users");
  }

  @Test
  void replayWithoutEventsOrAll_isUsageError() {
    assertThat(run(Map.of(), "parked", "replay")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--all");
  }

  @Test
  void badConfiguration_isUsageErrorNamingTheVariable() {
    assertThat(run(Map.of("ADMIN_INDEX_PREFIX", "Upper"), "status")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("ADMIN_INDEX_PREFIX");
  }

  @Test
  void elasticsearchUnreachable_isUnavailable() {
    assertThat(run(Map.of("ADMIN_ELASTICSEARCH_URL", "http://127.0.0.1:1"), "status"))
        .isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(err.toString()).contains("cannot reach");
  }

  @Test
  void variables_areTheConfigurationTheToolReads() {
    assertThat(AdminConfig.variables())
        .contains(
            "ADMIN_ELASTICSEARCH_URL", "ADMIN_INDEX_PREFIX", "ADMIN_DB_URL", "ADMIN_DB_PASSWORD");
  }

  private int run(Map<String, String> env, String... args) {
    return AdminMain.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
