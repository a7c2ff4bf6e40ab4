package io.cqrsshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PidFilesTest {

  @Test
  void firstPid_plainOrPostmasterStyleFile_readsTheFirstLine() {
    assertThat(PidFiles.firstPid("9518")).isEqualTo(9518);
    assertThat(PidFiles.firstPid("9501\n/work/.dev/data\n1796111864\n5432\n")).isEqualTo(9501);
  }

  @Test
  void firstPid_emptyOrNotANumber_isRejected() {
    assertThatThrownBy(() -> PidFiles.firstPid("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PidFiles.firstPid("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PidFiles.firstPid("abc\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a pid");
  }
}
