package io.cqrsshop.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.cqrsshop.testing.LayerRules;

/**
 * The layers depend inwards only, by the rules every service follows ({@link LayerRules}). The
 * relay stands apart: the write side only appends to the event log, and the relay moves rows of it
 * to JetStream without knowing what they mean. Inside the relay, the PostgreSQL side (outbox) and
 * the NATS side (jetstream) know nothing of each other's technology; the loop joins them.
 */
@AnalyzeClasses(
    packages = "io.cqrsshop.command",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The layer rules every service follows. */
  @ArchTest static final ArchRule layers = LayerRules.of("io.cqrsshop.command");

  @ArchTest
  static final ArchRule writeSideDoesNotKnowTheRelay =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.cqrsshop.command.domain..",
              "io.cqrsshop.command.application..",
              "io.cqrsshop.command.infrastructure..",
              "io.cqrsshop.command.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.cqrsshop.command.relay..");

  @ArchTest
  static final ArchRule relayDoesNotKnowTheWriteSide =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.relay..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.cqrsshop.command.domain..",
              "io.cqrsshop.command.application..",
              "io.cqrsshop.command.infrastructure..",
              "io.cqrsshop.command.api..");

  @ArchTest
  static final ArchRule outboxKnowsNoNats =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.relay.outbox..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.nats..", "io.cqrsshop.runtime.nats..", "io.cqrsshop.command.relay.jetstream..")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching("io\\.cqrsshop\\.command\\.relay\\.[A-Z].*");

  @ArchTest
  static final ArchRule jetStreamSideKnowsNoDatabase =
      noClasses()
          .that()
          .resideInAPackage("io.cqrsshop.command.relay.jetstream..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jdbi..", "org.postgresql..", "java.sql..")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching("io\\.cqrsshop\\.command\\.relay\\.[A-Z].*");
}
