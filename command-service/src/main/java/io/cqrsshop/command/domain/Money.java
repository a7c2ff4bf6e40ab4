package io.cqrsshop.command.domain;

import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.regex.Pattern;

/** An amount in integer minor units of a currency; prices and totals are never negative. */
public record Money(String currencyCode, long amountMinor) {

  /** The largest price a product may have, in minor units. */
  public static final long MAX_PRICE = 1_000_000_000L;

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public Money {
    if (!CURRENCY.matcher(currencyCode).matches() || amountMinor < 0) {
      throw new IllegalArgumentException("not an amount: " + currencyCode + " " + amountMinor);
    }
  }

  /**
   * A price from a request; violations name {@code <field>.currency_code} and {@code
   * <field>.amount_minor}.
   */
  public static Optional<Money> price(
      String currencyCode, long amountMinor, String field, Violations violations) {
    boolean currencyOk =
        violations.require(
            CURRENCY.matcher(currencyCode).matches(),
            field + ".currency_code",
            "must be three upper-case letters such as EUR");
    boolean amountOk =
        violations.require(
            amountMinor >= 0 && amountMinor <= MAX_PRICE,
            field + ".amount_minor",
            "must be 0 to " + MAX_PRICE);
    return currencyOk && amountOk
        ? Optional.of(new Money(currencyCode, amountMinor))
        : Optional.empty();
  }

  public Money times(long quantity) {
    return new Money(currencyCode, Math.multiplyExact(amountMinor, quantity));
  }

  public Money plus(Money other) {
    if (!currencyCode.equals(other.currencyCode)) {
      throw new IllegalArgumentException(
          "cannot add " + other.currencyCode + " to " + currencyCode);
    }
    return new Money(currencyCode, Math.addExact(amountMinor, other.amountMinor));
  }

  public boolean sameCurrencyAs(Money other) {
    return currencyCode.equals(other.currencyCode);
  }
}
