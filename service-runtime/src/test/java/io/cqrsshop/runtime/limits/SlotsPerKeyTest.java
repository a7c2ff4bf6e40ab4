package io.cqrsshop.runtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotsPerKeyTest {

  @Test
  void tryTake_pastTheLimit_isEmpty_otherKeysAreNotCounted() {
    SlotsPerKey slots = new SlotsPerKey(2);

    assertThat(slots.tryTake("a")).isPresent();
    assertThat(slots.tryTake("a")).isPresent();

    assertThat(slots.tryTake("a")).isEmpty();
    assertThat(slots.tryTake("b")).isPresent();
    assertThat(slots.held("a")).isEqualTo(2);
    assertThat(slots.total()).isEqualTo(3);
  }

  @Test
  void close_givesTheSlotBackOnce() {
    SlotsPerKey slots = new SlotsPerKey(2);
    List<SlotsPerKey.Slot> taken = new ArrayList<>();
    slots.tryTake("a").ifPresent(taken::add);
    slots.tryTake("a").ifPresent(taken::add);

    taken.getFirst().close();
    taken.getFirst().close();

    assertThat(slots.held("a")).isEqualTo(1);
    Optional<SlotsPerKey.Slot> again = slots.tryTake("a");
    assertThat(again).isPresent();
    assertThat(slots.tryTake("a")).isEmpty();
    again.get().close();
    taken.getLast().close();
    assertThat(slots.held("a")).isZero();
  }
}
