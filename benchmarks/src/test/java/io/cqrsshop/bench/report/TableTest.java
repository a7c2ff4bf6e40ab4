package io.cqrsshop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void render_namesLeftFiguresRight_columnsAligned() {
    String rendered =
        new Table("rpc", "calls", "p50 ms")
            .row("PlaceOrder", 12345, "3.21")
            .row("CreateUser", 7, "12.5")
            .render();

    assertThat(rendered)
        .isEqualTo(
            """
            rpc         calls  p50 ms
            PlaceOrder  12345    3.21
            CreateUser      7    12.5
            """);
  }

  @Test
  void row_wrongNumberOfCells_isRefused() {
    assertThatThrownBy(() -> new Table("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
