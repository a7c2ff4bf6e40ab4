package io.cqrsshop.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DependencyCheckTest {

  @Test
  void of_probeAnswers_passesUnderItsName() {
    DependencyCheck check = DependencyCheck.of("search", () -> {});

    assertThat(check.name()).isEqualTo("search");
    assertThatCode(check::check).doesNotThrowAnyException();
  }

  @Test
  void of_probeFails_failsWithTheProbesCause() {
    DependencyCheck check =
        DependencyCheck.of(
            "search",
            () -> {
              throw new IOException("refused");
            });

    assertThatThrownBy(check::check).isInstanceOf(IOException.class).hasMessage("refused");
  }
}
