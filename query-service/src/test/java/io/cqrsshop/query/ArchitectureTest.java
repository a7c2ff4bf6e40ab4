package io.cqrsshop.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cqrsshop.testing.LayerRules;

/**
 * Guards the direction of imports by the rules every service follows ({@link LayerRules}), and
 * keeps each adapter to its own technology: the Elasticsearch adapters know no gRPC, the gRPC
 * adapter no Elasticsearch.
 */
@AnalyzeClasses(
    packages = "io.cqrsshop.query",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String DOMAIN = "io.cqrsshop.query.domain..";
  private static final String APPLICATION = "io.cqrsshop.query.application..";
  private static final String INFRASTRUCTURE = "io.cqrsshop.query.infrastructure..";
  private static final String API = "io.cqrsshop.query.api..";

  private static final String[] TRANSPORTS = {
    "io.grpc..", "com.google.protobuf..", "com.google.rpc..", "io.cqrsshop.proto.."
  };
  private static final String[] STORES = {
    "co.elastic..", "org.elasticsearch..", "org.apache.http.."
  };

  /** The layer rules every service follows. */
  @ArchTest static final ArchRule layers = LayerRules.of("io.cqrsshop.query");

  @ArchTest
  static final ArchRule infrastructureKnowsNoTransport =
      noClasses()
          .that()
          .resideInAPackage(INFRASTRUCTURE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(new String[] {API}, TRANSPORTS));

  @ArchTest
  static final ArchRule apiKnowsNoStore =
      noClasses()
          .that()
          .resideInAPackage(API)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(new String[] {INFRASTRUCTURE}, STORES));

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
