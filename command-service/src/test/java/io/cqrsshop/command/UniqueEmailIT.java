package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.proto.v1.CreateUserResponse;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.grpc.Status;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No two live users share an address, compared case-insensitively, even when they race. */
class UniqueEmailIT {

  private static final int RACERS = 8;

  @RegisterExtension static final TestStack stack = new TestStack();

  private final CommandServiceBlockingStub client = stack.client();

  @Test
  void createUser_sameAddressInDifferentCaseConcurrently_exactlyOneWins() {
    String address = "race-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    List<Race.Attempt<CreateUserResponse>> attempts =
        Race.run(RACERS, racer -> client.createUser(Requests.user(mixedCase(address, racer))));

    assertThat(attempts).filteredOn(Race.Attempt::succeeded).hasSize(1);
    assertThat(attempts)
        .filteredOn(attempt -> !attempt.succeeded())
        .hasSize(RACERS - 1)
        .allSatisfy(attempt -> assertEmailInUse(attempt.failure()));
    assertThat(stack.count("SELECT count(*) FROM users WHERE lower(email) = '" + address + "'"))
        .isEqualTo(1);
  }

  @Test
  void changeUserEmail_manyUsersToOneAddressConcurrently_exactlyOneWins() {
    String address = "target-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    List<String> users =
        IntStream.range(0, RACERS)
            .mapToObj(i -> client.createUser(Requests.user(Requests.email())).getUserId())
            .toList();

    List<Race.Attempt<Long>> attempts =
        Race.run(
            RACERS,
            racer ->
                client
                    .changeUserEmail(
                        ChangeUserEmailRequest.newBuilder()
                            .setRequestId(Requests.requestId())
                            .setUserId(users.get(racer))
                            .setEmail(mixedCase(address, racer))
                            .build())
                    .getVersion());

    assertThat(attempts)
        .filteredOn(Race.Attempt::succeeded)
        .singleElement()
        .satisfies(winner -> assertThat(winner.value()).isEqualTo(2));
    assertThat(attempts)
        .filteredOn(attempt -> !attempt.succeeded())
        .allSatisfy(attempt -> assertEmailInUse(attempt.failure()));
    assertThat(
            stack.count(
                "SELECT count(*) FROM events WHERE event_type = 'email_changed'"
                    + " AND request_id IS NOT NULL AND aggregate_id IN ("
                    + String.join(",", users.stream().map(u -> "'" + u + "'").toList())
                    + ")"))
        .isEqualTo(1);
  }

  @Test
  void createUser_addressOfDeletedUser_isFreeAgain() {
    String address = Requests.email();
    String first = client.createUser(Requests.user(address)).getUserId();
    assertEmailInUse(
        catchThrowable(() -> client.createUser(Requests.user(address.toUpperCase(Locale.ROOT)))));

    client.deleteUser(
        DeleteUserRequest.newBuilder().setRequestId(Requests.requestId()).setUserId(first).build());
    CreateUserResponse second = client.createUser(Requests.user(address.toUpperCase(Locale.ROOT)));

    assertThat(second.getUserId()).isNotEqualTo(first);
    assertThat(second.getVersion()).isEqualTo(1);
  }

  private static String mixedCase(String address, int variant) {
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      mixed.append(((variant >> (i % 4)) & 1) == 1 ? Character.toUpperCase(c) : c);
    }
    return mixed.toString();
  }

  private static void assertEmailInUse(Throwable failure) {
    GrpcErrorDetails details = GrpcErrorDetails.of(failure);
    assertThat(details.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(details.reason()).isEqualTo("EMAIL_ALREADY_IN_USE");
  }
}
