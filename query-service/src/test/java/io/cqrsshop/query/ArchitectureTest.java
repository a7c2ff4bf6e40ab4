package io.cqrsshop.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Guards the direction of imports: api and infrastructure on the outside, domain inside. */
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

  @ArchTest
  static final ArchRule domainIsPureJava =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              APPLICATION,
              INFRASTRUCTURE,
              API,
              "io.cqrsshop.readmodel..",
              "io.grpc..",
              "com.google.protobuf..",
              "io.cqrsshop.proto..",
              "co.elastic..",
              "io.micrometer..",
              "dev.failsafe..");

  @ArchTest
  static final ArchRule applicationKnowsNeitherAdaptersNorTransports =
      noClasses()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(new String[] {INFRASTRUCTURE, API}, TRANSPORTS, STORES));

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
