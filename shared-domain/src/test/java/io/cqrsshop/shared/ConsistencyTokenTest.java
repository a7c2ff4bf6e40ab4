package io.cqrsshop.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

  private static final UUID PRODUCT = UUID.fromString("0b6b1b8e-0c59-4f4a-9d3a-1a0e3b2f4c11");
  private static final UUID ORDER = UUID.fromString("7f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f");

  @Test
  void encode_thenDecode_returnsTheSameWrites() {
    var token =
        ConsistencyToken.of(
            new AggregateVersion(AggregateType.ORDER, ORDER, 1),
            new AggregateVersion(AggregateType.PRODUCT, PRODUCT, 42));

    assertThat(ConsistencyToken.decode(token.encode())).contains(token);
  }

  @Test
  void encode_isOpaqueAndUrlSafe() {
    String encoded =
        ConsistencyToken.of(new AggregateVersion(AggregateType.USER, PRODUCT, 3)).encode();

    assertThat(encoded).startsWith("ct1.").matches("[A-Za-z0-9._-]+").doesNotContain("user");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ct1.", "ct2.abc", "ct1.!!!", "ct1.cHJvZHVjdDp4OjE", "garbage", "ct1.Og"})
  void decode_malformed_isEmpty(String encoded) {
    assertThat(ConsistencyToken.decode(encoded)).isEmpty();
  }

  @Test
  void decode_null_isEmpty() {
    assertThat(ConsistencyToken.decode(null)).isEmpty();
  }

  @Test
  void decode_versionBelowOne_isEmpty() {
    String body = "product:" + PRODUCT + ":0";
    String encoded =
        "ct1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes());

    assertThat(ConsistencyToken.decode(encoded)).isEmpty();
  }

  @Test
  void merge_keepsTheHighestVersionPerAggregate() {
    var first = ConsistencyToken.of(new AggregateVersion(AggregateType.PRODUCT, PRODUCT, 5));
    var second =
        ConsistencyToken.of(
            new AggregateVersion(AggregateType.PRODUCT, PRODUCT, 3),
            new AggregateVersion(AggregateType.ORDER, ORDER, 1));

    assertThat(ConsistencyToken.merge(List.of(first, second)))
        .containsExactly(
            new AggregateVersion(AggregateType.PRODUCT, PRODUCT, 5),
            new AggregateVersion(AggregateType.ORDER, ORDER, 1));
  }

  @Test
  void constructor_withoutWrites_isRejected() {
    assertThatThrownBy(() -> new ConsistencyToken(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
