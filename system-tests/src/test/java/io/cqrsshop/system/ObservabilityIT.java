package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alert rules cannot rot: every metric they use must exist on the running
 * services, and the PrometheusRule of the component must hold exactly the plain rules file.
 */
class ObservabilityIT {

  private static final Path COMPONENT =
      Path.of(System.getProperty("user.dir")).getParent().resolve("k8s/components/observability");
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:grpc|relay|projector|query|dependency|hikaricp|nats)_[a-z0-9_]+)");

  private static RunningSystem system;
  private static String scraped;

  @BeforeAll
  static void startSystemAndMakeTraffic() throws Exception {
    system = new RunningSystem().start();
    system.readOwnWrite(system.createSomeProduct());
    try {
      system.queries().getProduct(GetProductRequest.newBuilder().setProductId("nope").build());
    } catch (StatusRuntimeException expected) {
      // An error status, so that error series exist too.
    }
    scraped =
        scrape(system.command.metricsPort())
            + scrape(system.query.metricsPort())
            + scrape(system.projector.metricsPort());
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void dashboard_usesOnlyMetricsTheServicesExpose() throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(COMPONENT.resolve("grafana-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(
            panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));

    assertThat(expressions).hasSizeGreaterThan(15);
    assertThat(missing(expressions))
        .as("metrics the dashboard uses but no service exposes")
        .isEmpty();
  }

  @Test
  void alertRules_useOnlyMetricsTheServicesExpose_andThePrometheusRuleHoldsTheSameRules()
      throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode rules = yaml.readTree(COMPONENT.resolve("alerts.rules.yaml").toFile());
    JsonNode prometheusRule = yaml.readTree(COMPONENT.resolve("prometheus-rule.yaml").toFile());
    List<String> expressions = new ArrayList<>();
    rules
        .path("groups")
        .forEach(
            group ->
                group
                    .path("rules")
                    .forEach(
                        rule -> {
                          assertThat(rule.path("alert").asText()).isNotEmpty();
                          assertThat(rule.path("labels").path("severity").asText())
                              .isIn("page", "ticket");
                          assertThat(rule.path("annotations").path("summary").asText())
                              .isNotEmpty();
                          expressions.add(rule.path("expr").asText());
                        }));

    assertThat(prometheusRule.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(prometheusRule.path("spec")).isEqualTo(rules);
    assertThat(expressions).hasSizeGreaterThan(8);
    assertThat(missing(expressions)).as("metrics the alerts use but no service exposes").isEmpty();
  }

  /** Metric names used by the expressions that no scraped series has. */
  private static Set<String> missing(List<String> expressions) {
    Set<String> missing = new TreeSet<>();
    for (String expression : expressions) {
      Matcher matcher = METRIC.matcher(expression);
      while (matcher.find()) {
        String name = matcher.group(1);
        if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(scraped).find()) {
          missing.add(name);
        }
      }
    }
    return missing;
  }

  private static String scrape(int port) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
