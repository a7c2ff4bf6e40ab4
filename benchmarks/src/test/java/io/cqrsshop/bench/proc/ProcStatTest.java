package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  // A real line from a JVM, shortened after cstime; fields 14-17 are utime stime cutime cstime.
  static final String JAVA =
      "9657 (java) S 1 9650 9650 0 -1 4194560 52840 0 12 0 1520 347 3 1 20 0 41 0 18016 4200000000";

  @Test
  void parse_statLine_readsParentAndCpuTicks() {
    ProcStat stat = ProcStat.parse(JAVA);

    assertThat(stat.pid()).isEqualTo(9657);
    assertThat(stat.command()).isEqualTo("java");
    assertThat(stat.state()).isEqualTo('S');
    assertThat(stat.parentPid()).isEqualTo(1);
    assertThat(stat.userTicks()).isEqualTo(1520);
    assertThat(stat.systemTicks()).isEqualTo(347);
    assertThat(stat.childUserTicks()).isEqualTo(3);
    assertThat(stat.childSystemTicks()).isEqualTo(1);
    assertThat(stat.totalTicks()).isEqualTo(1871);
  }

  @Test
  void parse_commandWithSpacesAndParentheses_countsFieldsFromTheLastParenthesis() {
    ProcStat stat =
        ProcStat.parse("42 (postgres: a (b) c) T 7 42 42 0 -1 0 0 0 0 0 10 20 30 40 20 0 1 0");

    assertThat(stat.command()).isEqualTo("postgres: a (b) c");
    assertThat(stat.parentPid()).isEqualTo(7);
    assertThat(stat.totalTicks()).isEqualTo(100);
    assertThat(stat.isStopped()).isTrue();
  }

  @Test
  void parse_truncatedOrGarbledLine_isRejected() {
    assertThatThrownBy(() -> ProcStat.parse("42 (x) S 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too few fields");
    assertThatThrownBy(() -> ProcStat.parse("no parentheses here"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcStat.parse("42 (x) S one 2 3 4 5 6 7 8 9 10 11 12 13 14 15"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unreadable");
  }
}
