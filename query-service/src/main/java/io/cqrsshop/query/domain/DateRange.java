package io.cqrsshop.query.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Calendar days (UTC) from {@code first} to {@code last}, both inclusive, at most {@link #MAX_DAYS}
 * long so that one report stays a bounded amount of work.
 */
public record DateRange(LocalDate first, LocalDate last) {

  /** A leap year fits. */
  public static final int MAX_DAYS = 366;

  public DateRange {
    problem(first, last)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  /** Why {@code first..last} is not a valid range, if it is not. */
  public static Optional<String> problem(LocalDate first, LocalDate last) {
    if (last.isBefore(first)) {
      return Optional.of("must not be before start_date");
    }
    if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
      return Optional.of("the range must span at most " + MAX_DAYS + " days");
    }
    return Optional.empty();
  }

  /** Every day of the range, oldest first. */
  public List<LocalDate> days() {
    return first.datesUntil(last.plusDays(1)).toList();
  }
}
