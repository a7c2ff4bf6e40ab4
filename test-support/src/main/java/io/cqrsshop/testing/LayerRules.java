package io.cqrsshop.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The one set of layer rules of the three services, for their {@code ArchitectureTest}s; a service
 * adds rules of its own (the relay's halves, the projector's pure mapping) beside them.
 *
 * <ul>
 *   <li>{@code domain} is plain Java: no library, no other layer, no shared runtime.
 *   <li>{@code application} (use cases and their ports) knows no adapter technology: no gRPC or API
 *       contract, no database, broker, search engine or JSON library, and not the runtime's
 *       adapters. Cross-cutting APIs that carry no technology choice are allowed there: logging
 *       (SLF4J), metrics (Micrometer), retries (Failsafe), tracing (the OpenTelemetry API).
 *   <li>{@code api} and {@code infrastructure} (the adapters) do not know each other.
 *   <li>No inner package reaches the composition root (the service's top package).
 * </ul>
 */
public final class LayerRules {

  /** What only adapters may use. */
  private static final String[] ADAPTER_TECHNOLOGY = {
    "io.grpc..",
    "com.google.rpc..",
    "io.cqrsshop.proto.v1..",
    "org.jdbi..",
    "java.sql..",
    "org.postgresql..",
    "com.zaxxer..",
    "org.flywaydb..",
    "io.nats..",
    "co.elastic..",
    "org.elasticsearch..",
    "org.apache.http..",
    "com.fasterxml.jackson..",
    "io.cqrsshop.runtime.grpc..",
    "io.cqrsshop.runtime.nats..",
    "io.cqrsshop.runtime.security..",
    "io.cqrsshop.runtime.lifecycle..",
    "io.cqrsshop.runtime.config.."
  };

  /** Allowed in application, never in the domain. */
  private static final String[] CROSS_CUTTING = {
    "org.slf4j..",
    "io.micrometer..",
    "dev.failsafe..",
    "io.opentelemetry..",
    "io.cqrsshop.runtime..",
    "io.cqrsshop.readmodel..",
    "com.google.protobuf..",
    "io.cqrsshop.proto.."
  };

  private LayerRules() {}

  /**
   * The rules for the service under {@code base} (say {@code io.cqrsshop.query}).
   *
   * @param applicationAlsoUses packages the application layer may use besides the cross-cutting
   *     ones, as this service's contract demands (the projector's application reads the event
   *     contract: its generated messages and protobuf's types)
   */
  public static ArchRule of(String base, String... applicationAlsoUses) {
    String domain = base + ".domain..";
    String application = base + ".application..";
    String api = base + ".api..";
    String infrastructure = base + ".infrastructure..";
    String[] applicationBans =
        Stream.concat(
                Arrays.stream(ADAPTER_TECHNOLOGY),
                Stream.of("com.google.protobuf..", api, infrastructure))
            .filter(banned -> !Arrays.asList(applicationAlsoUses).contains(banned))
            .toArray(String[]::new);
    return CompositeArchRule.of(
            noClasses()
                .that()
                .resideInAPackage(domain)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                    concat(ADAPTER_TECHNOLOGY, CROSS_CUTTING, application, api, infrastructure))
                .allowEmptyShould(true)
                .as("domain is plain Java"))
        .and(
            noClasses()
                .that()
                .resideInAPackage(application)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(applicationBans)
                .allowEmptyShould(true)
                .as("application knows no adapter technology"))
        .and(
            noClasses()
                .that()
                .resideInAPackage(infrastructure)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(api)
                .allowEmptyShould(true)
                .as("infrastructure does not use the api"))
        .and(
            noClasses()
                .that()
                .resideInAPackage(api)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(infrastructure)
                .allowEmptyShould(true)
                .as("the api does not use infrastructure"))
        .and(
            noClasses()
                .that()
                .resideInAnyPackage(domain, application, api, infrastructure)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(base)
                .allowEmptyShould(true)
                .as("inner packages do not reach the composition root"));
  }

  private static String[] concat(String[] first, String[] second, String... more) {
    return Stream.of(Arrays.stream(first), Arrays.stream(second), Arrays.stream(more))
        .flatMap(s -> s)
        .toArray(String[]::new);
  }
}
