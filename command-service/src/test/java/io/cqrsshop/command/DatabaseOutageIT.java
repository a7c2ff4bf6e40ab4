package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While PostgreSQL cannot be reached, a command is answered UNAVAILABLE (retry with the same
 * request id) well within a client's 5 s deadline, not DEADLINE_EXCEEDED.
 */
class DatabaseOutageIT {

  @RegisterExtension final TestStack stack = new TestStack();

  private CommandServiceApplication app;

  @BeforeEach
  void start() {
    app = stack.startAppBehindDatabaseProxy();
    stack.client(app).createProduct(Requests.product(1));
  }

  @Test
  void commands_databaseJustCutOff_areUnavailableWithinAFiveSecondDeadline() {
    stack.databaseProxy().disconnect();

    // The first finds its pooled connection broken; the next waits for a new one.
    for (int i = 0; i < 2; i++) {
      GrpcErrorDetails refused =
          GrpcErrorDetails.of(
              catchThrowable(() -> fiveSecondClient().createProduct(Requests.product(1))));
      assertThat(refused.code()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  @Test
  void commands_databaseKnownDown_failFastWithUnavailable() {
    HealthGrpc.HealthBlockingStub health =
        HealthGrpc.newBlockingStub(stack.channel(app.grpcPort()));
    stack.databaseProxy().disconnect();
    await("readiness notices the outage")
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                health
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance())
                        .getStatus()
                    == ServingStatus.NOT_SERVING);

    for (int i = 0; i < 5; i++) {
      GrpcErrorDetails refused =
          GrpcErrorDetails.of(
              catchThrowable(() -> fiveSecondClient().createProduct(Requests.product(1))));
      assertThat(refused.code()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  private CommandServiceBlockingStub fiveSecondClient() {
    return CommandServiceGrpc.newBlockingStub(stack.channel(app.grpcPort()))
        .withDeadlineAfter(5, TimeUnit.SECONDS);
  }
}
