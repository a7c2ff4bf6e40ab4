package io.cqrsshop.query.api;

import com.google.protobuf.Timestamp;
import io.cqrsshop.proto.v1.Money;
import java.time.Instant;
import java.util.Optional;

/** Small conversions from read-model values to proto values. */
final class ProtoValues {

  private ProtoValues() {}

  static Money money(String currency, long amountMinor) {
    return Money.newBuilder().setCurrencyCode(text(currency)).setAmountMinor(amountMinor).build();
  }

  /** An absent instant stays an unset timestamp. */
  static Optional<Timestamp> timestamp(Instant instant) {
    return Optional.ofNullable(instant)
        .map(
            at ->
                Timestamp.newBuilder()
                    .setSeconds(at.getEpochSecond())
                    .setNanos(at.getNano())
                    .build());
  }

  /** Proto strings cannot be null; a missing field in a document reads as empty. */
  static String text(String value) {
    return value == null ? "" : value;
  }
}
