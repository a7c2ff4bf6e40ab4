package io.cqrsshop.query.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

  private static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");

  @Test
  void days_ofAThreeDayRange_listsEachDayOldestFirst() {
    var range = new DateRange(NOV_1, NOV_1.plusDays(2));

    assertThat(range.days())
        .containsExactly(NOV_1, LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-03"));
  }

  @Test
  void days_ofASingleDay_isThatDay() {
    assertThat(new DateRange(NOV_1, NOV_1).days()).containsExactly(NOV_1);
  }

  @Test
  void problem_endBeforeStart_isReported() {
    assertThat(DateRange.problem(NOV_1, NOV_1.minusDays(1)))
        .contains("must not be before start_date");
  }

  @Test
  void problem_aWholeLeapYear_isAccepted() {
    var first = LocalDate.parse("2028-01-01");

    assertThat(DateRange.problem(first, LocalDate.parse("2028-12-31"))).isEmpty();
    assertThat(new DateRange(first, LocalDate.parse("2028-12-31")).days()).hasSize(366);
  }

  @Test
  void problem_367Days_isReported() {
    var first = LocalDate.parse("2026-01-01");

    assertThat(DateRange.problem(first, first.plusDays(366))).isPresent();
  }

  @Test
  void constructor_invalidRange_throws() {
    assertThatThrownBy(() -> new DateRange(NOV_1, NOV_1.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
