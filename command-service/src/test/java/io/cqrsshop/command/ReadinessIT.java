package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.runtime.grpc.GrpcServer;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PostgreSQL outage takes the service out of rotation without killing it. */
class ReadinessIT {

  @RegisterExtension final TestStack stack = new TestStack();

  @Test
  void health_postgresCutOffAndBack_readinessFollowsAndCommandsAreUnavailableMeanwhile() {
    CommandServiceApplication app = stack.startAppBehindDatabaseProxy();
    HealthGrpc.HealthBlockingStub health =
        HealthGrpc.newBlockingStub(stack.channel(app.grpcPort()));
    CommandServiceBlockingStub client = stack.client(app);
    await().atMost(Duration.ofSeconds(10)).until(() -> status(health, "") == ServingStatus.SERVING);

    stack.databaseProxy().disconnect();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status(health, "") == ServingStatus.NOT_SERVING);
    assertThat(status(health, "cqrsshop.v1.CommandService")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(status(health, GrpcServer.LIVENESS)).isEqualTo(ServingStatus.SERVING);
    GrpcErrorDetails refused =
        GrpcErrorDetails.of(catchThrowable(() -> client.createProduct(Requests.product(1))));
    assertThat(refused.code()).isEqualTo(Status.Code.UNAVAILABLE);

    stack.databaseProxy().reconnect();

    await().atMost(Duration.ofSeconds(10)).until(() -> status(health, "") == ServingStatus.SERVING);
    await("a fresh pooled connection serves commands again")
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> client.createProduct(Requests.product(1)).getVersion() == 1);
    PublishedEvents.awaitAllPublished(stack, Duration.ofSeconds(20));
  }

  private static ServingStatus status(HealthGrpc.HealthBlockingStub health, String service) {
    return health
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }
}
