package io.cqrsshop.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers depend inwards only: api and infrastructure on application, everything on domain. */
@AnalyzeClasses(
    packages = "io.cqrsshop.command",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] FRAMEWORKS = {
    "io.grpc..",
    "com.google.protobuf..",
    "io.cqrsshop.proto..",
    "org.jdbi..",
    "org.postgresql..",
    "com.zaxxer..",
    "org.flywaydb..",
    "io.nats..",
    "com.fasterxml.jackson..",
    "dev.failsafe..",
    "io.micrometer..",
    "org.slf4j..",
    "io.cqrsshop.runtime.."
  };

  @ArchTest
  static final ArchRule domainIsPureJava =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.cqrsshop.command.application..",
              "io.cqrsshop.command.infrastructure..",
              "io.cqrsshop.command.api..");

  @ArchTest
  static final ArchRule applicationKnowsNoTechnology =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("io.cqrsshop.command.infrastructure..", "io.cqrsshop.command.api..");

  @ArchTest
  static final ArchRule infrastructureDoesNotUseTheApi =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.infrastructure..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.cqrsshop.command.api..");

  @ArchTest
  static final ArchRule apiDoesNotUseInfrastructure =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.cqrsshop.command.infrastructure..");
}
