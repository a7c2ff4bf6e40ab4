package io.cqrsshop.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.domain.product.StockDelta;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "A",
        "sku-1.2_X",
        "0123456789012345678901234567890123456789012345678901234567890123"
      })
  void sku_allowedCharactersUpTo64_isAccepted(String raw) {
    assertThat(parse(raw, Sku::parse)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "with space",
        "ümlaut",
        "a/b",
        "01234567890123456789012345678901234567890123456789012345678901234"
      })
  void sku_malformed_isOneViolation(String raw) {
    assertThat(parse(raw, Sku::parse)).singleElement().isEqualTo("field");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a@b.co", "Ada.Lovelace+shop@Example.COM", "x@sub.domain.org", "josé@exämple.de"})
  void email_pragmaticallyWellFormed_isAccepted(String raw) {
    assertThat(parse(raw, Email::parse)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "a@b", "a@@b.co", "a b@c.de", "a@b..co", "@b.co", "a@.b.co"})
  void email_malformed_isOneViolation(String raw) {
    assertThat(parse(raw, Email::parse)).singleElement().isEqualTo("field");
  }

  @Test
  void email_longerThan254_isRejected() {
    String raw = "a@" + "b".repeat(250) + ".de";

    assertThat(parse(raw, Email::parse)).containsExactly("field");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", " padded", "padded ", "line\nbreak"})
  void name_blankPaddedOrMultiline_isRejected(String raw) {
    assertThat(parse(raw, ProductDetails::name)).containsExactly("field");
  }

  @Test
  void name_lengthCountsCharactersNotUtf16Units() {
    String twoHundredEmoji = "\uD83D\uDE00".repeat(200);

    assertThat(parse(twoHundredEmoji, ProductDetails::name)).isEmpty();
    assertThat(parse(twoHundredEmoji + "x", ProductDetails::name)).containsExactly("field");
  }

  @Test
  void description_emptyOrUpTo5000_isAccepted() {
    assertThat(parse("", ProductDetails::description)).isEmpty();
    assertThat(parse(" any text \n with breaks ", ProductDetails::description)).isEmpty();
    assertThat(parse("x".repeat(5001), ProductDetails::description)).containsExactly("field");
  }

  @Test
  void price_badCurrencyAndAmount_namesBothSubfields() {
    Violations violations = new Violations();

    Optional<Money> price = Money.price("eur", -1, "price", violations);

    assertThat(price).isEmpty();
    assertThat(fields(violations)).containsExactly("price.currency_code", "price.amount_minor");
  }

  @Test
  void price_limits_areInclusive() {
    assertThat(Money.price("EUR", 0, "price", new Violations())).isPresent();
    assertThat(Money.price("EUR", 1_000_000_000, "price", new Violations())).isPresent();
    assertThat(Money.price("EUR", 1_000_000_001, "price", new Violations())).isEmpty();
  }

  @Test
  void requestId_formatAndLength_areEnforced() {
    assertThat(parse("abc-123:x_y.z", RequestId::parse)).isEmpty();
    assertThat(parse("r".repeat(128), RequestId::parse)).isEmpty();
    assertThat(parse("r".repeat(129), RequestId::parse)).containsExactly("field");
    assertThat(parse("has space", RequestId::parse)).containsExactly("field");
    assertThat(parse("", RequestId::parse)).containsExactly("field");
  }

  @Test
  void identifiers_onlyCanonicalUuids_areAccepted() {
    assertThat(parse(UUID.randomUUID().toString(), Identifiers::parse)).isEmpty();
    assertThat(parse(UUID.randomUUID().toString().toUpperCase(), Identifiers::parse)).isEmpty();
    assertThat(parse("1-2-3-4-5", Identifiers::parse)).containsExactly("field");
    assertThat(parse("not-a-uuid", Identifiers::parse)).containsExactly("field");
    assertThat(parse("", Identifiers::parse)).containsExactly("field");
  }

  @Test
  void expectedVersion_setToZero_isInvalid_absentMeansAny() {
    Violations violations = new Violations();

    assertThat(ExpectedVersion.parse(true, 0, "expected_version", violations)).isEmpty();
    assertThat(ExpectedVersion.parse(false, 0, "expected_version", violations))
        .contains(ExpectedVersion.any());
    assertThat(fields(violations)).containsExactly("expected_version");
  }

  @Test
  void stockNumbers_limits_areEnforced() {
    Violations violations = new Violations();

    assertThat(StockDelta.adjustment(0, "zero", violations)).isEmpty();
    assertThat(StockDelta.adjustment(-1_000_000_001L, "low", violations)).isEmpty();
    assertThat(StockDelta.adjustment(-1_000_000_000L, "ok", violations)).isPresent();
    assertThat(StockDelta.initialStock(-1, "negative", violations)).isEmpty();
    assertThat(RequestedLine.quantity(10_001, "many", violations)).isEmpty();
    assertThat(RequestedLine.quantity(10_000, "max", violations)).isPresent();
    assertThat(fields(violations)).containsExactly("zero", "low", "negative", "many");
  }

  private static <T> List<String> parse(String raw, Parser<T> parser) {
    Violations violations = new Violations();
    parser.parse(raw, "field", violations);
    return fields(violations);
  }

  private static List<String> fields(Violations violations) {
    return violations.rejection().map(Rejection.InvalidInput::violations).orElse(List.of()).stream()
        .map(Rejection.FieldViolation::field)
        .toList();
  }

  @FunctionalInterface
  private interface Parser<T> {
    Optional<T> parse(String raw, String field, Violations violations);
  }
}
