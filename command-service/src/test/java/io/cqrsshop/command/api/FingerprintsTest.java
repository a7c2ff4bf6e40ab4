package io.cqrsshop.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  private static final String ID = "123e4567-e89b-12d3-a456-426614174000";

  @Test
  void of_sameFieldsDifferentRequestId_isEqual() {
    assertThat(Fingerprints.of(deleteUser("a", ID)))
        .isEqualTo(Fingerprints.of(deleteUser("b", ID)));
  }

  @Test
  void of_differentField_differs() {
    assertThat(Fingerprints.of(deleteUser("a", ID)))
        .isNotEqualTo(Fingerprints.of(deleteUser("a", ID.replace('0', '1'))));
    assertThat(Fingerprints.of(deleteUser("a", ID)))
        .isNotEqualTo(
            Fingerprints.of(deleteUser("a", ID).toBuilder().setExpectedVersion(1).build()));
  }

  @Test
  void of_sameFieldsOfAnotherRpc_differs() {
    DiscontinueProductRequest discontinue =
        DiscontinueProductRequest.newBuilder().setRequestId("a").setProductId(ID).build();

    // Both messages serialize to the same bytes; only the RPC tells them apart.
    assertThat(discontinue.toByteString()).isEqualTo(deleteUser("a", ID).toByteString());
    assertThat(Fingerprints.of(discontinue)).isNotEqualTo(Fingerprints.of(deleteUser("a", ID)));
  }

  private static DeleteUserRequest deleteUser(String requestId, String userId) {
    return DeleteUserRequest.newBuilder().setRequestId(requestId).setUserId(userId).build();
  }
}
