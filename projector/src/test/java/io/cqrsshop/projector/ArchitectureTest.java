package io.cqrsshop.projector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cqrsshop.testing.LayerRules;

/**
 * Guards the direction of imports: {@code projection} (pure mapping from the event contract to
 * documents) knows no I/O, {@code application} (the use cases and their ports) knows neither NATS
 * nor Elasticsearch nor gRPC, and only {@code infrastructure} and the composition root touch them.
 * The generated event messages are the contract being projected, so both inner layers may read
 * them.
 */
@AnalyzeClasses(
    packages = "io.cqrsshop.projector",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] IO_LIBRARIES = {
    "io.nats..", "co.elastic..", "org.elasticsearch..", "io.grpc..", "dev.failsafe.."
  };

  @ArchTest
  static final ArchRule projection_isPureMapping =
      noClasses()
          .that()
          .resideInAPackage("..projector.projection..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              concat(
                  IO_LIBRARIES,
                  "io.micrometer..",
                  "org.slf4j..",
                  "io.cqrsshop.runtime..",
                  "..projector.application..",
                  "..projector.infrastructure.."));

  /**
   * The layer rules every service follows; the application reads the event contract (generated
   * messages, and protobuf's own types in them).
   */
  @ArchTest
  static final ArchRule layers = LayerRules.of("io.cqrsshop.projector", "com.google.protobuf..");

  @ArchTest
  static final ArchRule application_usesOnlyTheReadModelDocuments =
      noClasses()
          .that()
          .resideInAnyPackage("..projector.application..", "..projector.projection..")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameStartingWith("Elasticsearch")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleName("ReadModelIndices");

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
