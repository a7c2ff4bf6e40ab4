package io.cqrsshop.query.api;

import static io.cqrsshop.query.RejectedOutcomes.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private static final PageTokens TOKENS = PageTokens.sealedWith(KEY);

  private static final SearchProductsRequest MUGS =
      SearchProductsRequest.newBuilder().setQuery("mug").setCategory("kitchen").build();
  private static final PageCursor CURSOR =
      new PageCursor(Arrays.asList(1.5, 1299L, "4b3c", true, null));

  @Test
  void decode_ofAnEncodedToken_givesBackTheCursor() {
    String token = TOKENS.encode(CURSOR, PageTokens.fingerprint(MUGS));

    assertThat(TOKENS.decode(token, PageTokens.fingerprint(MUGS)))
        .isEqualTo(Outcome.success(CURSOR));
  }

  @Test
  void encode_isUrlSafeAndOpaque() {
    String token = TOKENS.encode(CURSOR, PageTokens.fingerprint(MUGS));

    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    assertThat(token).doesNotContain("4b3c");
  }

  @Test
  void fingerprint_ignoresPagingAndConsistencyFields() {
    var nextPage =
        MUGS.toBuilder()
            .setPageSize(50)
            .setPageToken("anything")
            .addConsistencyTokens("ct1.x")
            .build();

    assertThat(PageTokens.fingerprint(nextPage)).isEqualTo(PageTokens.fingerprint(MUGS));
  }

  @Test
  void decode_withOtherParameters_isRejectedOnPageToken() {
    String token = TOKENS.encode(CURSOR, PageTokens.fingerprint(MUGS));
    var otherCategory = MUGS.toBuilder().setCategory("garden").build();

    assertRejected(TOKENS.decode(token, PageTokens.fingerprint(otherCategory)), "other");
  }

  @Test
  void decode_tokenOfAnotherListing_isRejected() {
    String token = TOKENS.encode(CURSOR, PageTokens.fingerprint(MUGS));
    var users = ListUsersRequest.newBuilder().setFilter("mug").build();

    assertRejected(TOKENS.decode(token, PageTokens.fingerprint(users)), "other");
  }

  @Test
  void decode_alteredPayload_isRejected() {
    String fingerprint = PageTokens.fingerprint(MUGS);
    String token = TOKENS.encode(CURSOR, fingerprint);
    String seal = token.substring(token.indexOf('.'));
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"after\":[9.0,1,\"zzzz\",true,null]}".getBytes())
            + seal;

    assertRejected(TOKENS.decode(forged, fingerprint), "other");
  }

  @Test
  void decode_byAnotherReplicaWithTheSameKey_givesBackTheCursor() {
    String token = TOKENS.encode(CURSOR, PageTokens.fingerprint(MUGS));

    assertThat(PageTokens.sealedWith(KEY.clone()).decode(token, PageTokens.fingerprint(MUGS)))
        .isEqualTo(Outcome.success(CURSOR));
  }

  @Test
  void decode_sealedWithAnotherKey_isRejected() {
    String token = PageTokens.sealedWithRandomKey().encode(CURSOR, PageTokens.fingerprint(MUGS));

    assertRejected(TOKENS.decode(token, PageTokens.fingerprint(MUGS)), "other");
  }

  @Test
  void key_isBase64OfAtLeast32Bytes() {
    assertThat(PageTokens.key(Base64.getEncoder().encodeToString(KEY)))
        .hasValueSatisfying(key -> assertThat(key).isEqualTo(KEY));
    assertThat(PageTokens.key(Base64.getEncoder().encodeToString(new byte[31]))).isEmpty();
    assertThat(PageTokens.key("not base64!")).isEmpty();
  }

  @Test
  void decode_garbage_isMalformed() {
    String fingerprint = PageTokens.fingerprint(MUGS);

    for (String garbage : List.of("x", "a.b.c", "!!!.???", "e30.", ".")) {
      assertRejected(TOKENS.decode(garbage, fingerprint), "");
    }
  }

  private static void assertRejected(Outcome<PageCursor> outcome, String descriptionPart) {
    var invalid = rejection(outcome, Rejection.InvalidInput.class);
    assertThat(invalid.violations()).hasSize(1);
    assertThat(invalid.violations().getFirst().field()).isEqualTo("page_token");
    assertThat(invalid.violations().getFirst().description()).contains(descriptionPart);
  }
}
