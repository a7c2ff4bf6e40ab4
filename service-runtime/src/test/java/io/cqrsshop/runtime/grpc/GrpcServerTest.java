package io.cqrsshop.runtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos;
import io.cqrsshop.runtime.Utf8Marshaller;
import io.cqrsshop.testing.GrpcWire;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcServerTest {

  private static final MethodDescriptor<String, String> ECHO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Echo/Echo")
          .setRequestMarshaller(new Utf8Marshaller())
          .setResponseMarshaller(new Utf8Marshaller())
          .build();

  private static final MethodDescriptor<byte[], byte[]> RAW_HEALTH_CHECK =
      GrpcWire.rawMethod("grpc.health.v1.Health/Check");

  private final String name = InProcessServerBuilder.generateName();
  private final CountDownLatch slowCallStarted = new CountDownLatch(1);
  private final CountDownLatch releaseSlowCall = new CountDownLatch(1);
  private GrpcServer server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void start_reportsLiveButNotReadyUntilToldSo() {
    start(e -> Optional.empty());
    var health = HealthGrpc.newBlockingStub(channel);

    assertThat(check(health, GrpcServer.LIVENESS)).isEqualTo(ServingStatus.SERVING);
    assertThat(check(health, "")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check(health, "test.Echo")).isEqualTo(ServingStatus.NOT_SERVING);

    server.setReady(true);

    assertThat(check(health, "")).isEqualTo(ServingStatus.SERVING);
    assertThat(check(health, "test.Echo")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void reflectionV1_listsTheHealthService() throws Exception {
    start(e -> Optional.empty());

    var services =
        reflect(ServerReflectionRequest.newBuilder().setListServices("*").build())
            .getListServicesResponse()
            .getServiceList();
    assertThat(services)
        .extracting(s -> s.getName())
        .contains(
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
  }

  @Test
  void reflection_servesTheErrorDetailTypes_soClientsDecodeThem() throws Exception {
    start(e -> Optional.empty());

    ServerReflectionResponse response =
        reflect(
            ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("google.rpc.BadRequest")
                .build());

    assertThat(response.hasErrorResponse()).isFalse();
    var file =
        DescriptorProtos.FileDescriptorProto.parseFrom(
            response.getFileDescriptorResponse().getFileDescriptorProto(0));
    assertThat(file.getName()).isEqualTo("google/rpc/error_details.proto");
    assertThat(file.getMessageTypeList())
        .extracting(DescriptorProtos.DescriptorProto::getName)
        .contains("BadRequest", "ErrorInfo");
  }

  @Test
  void bodyThatIsNotProtobuf_isInvalidArgumentWithAMessage() {
    start(e -> Optional.empty());

    for (byte[] body :
        List.of(
            new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01},
            // Field 1 (service, a string) holding invalid UTF-8.
            new byte[] {0x0A, 0x02, (byte) 0xC3, 0x28})) {
      assertThatThrownBy(
              () -> ClientCalls.blockingUnaryCall(channel, RAW_HEALTH_CHECK, callOptions(), body))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription())
                    .startsWith("the request body is not a valid grpc.health.v1.Health/Check");
              });
    }
  }

  @Test
  void unexpectedException_isInternalWithAnIncidentAndNoDetails() {
    start(e -> Optional.empty());

    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, ECHO, callOptions(), "boom"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription())
                  .startsWith("internal error, incident")
                  .doesNotContain("secret");
            });
  }

  @Test
  void classifiedException_getsTheClassifiersStatus() {
    start(
        e ->
            e instanceof IllegalStateException
                ? Optional.of(Status.UNAVAILABLE.withDescription("database unavailable"))
                : Optional.empty());

    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, ECHO, callOptions(), "boom"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void shutdown_letsInFlightCallsFinishAndRefusesNewOnes() throws Exception {
    start(e -> Optional.empty());
    CompletableFuture<String> inFlight =
        CompletableFuture.supplyAsync(
            () -> ClientCalls.blockingUnaryCall(channel, ECHO, callOptions(), "slow"));
    assertThat(slowCallStarted.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> shutdown =
        CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(10)));
    releaseSlowCall.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    shutdown.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, ECHO, callOptions(), "late"))
        .isInstanceOf(StatusRuntimeException.class);
  }

  private void start(java.util.function.Function<Throwable, Optional<Status>> classifier) {
    BindableService echo =
        () ->
            ServerServiceDefinition.builder("test.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall(this::echo))
                .build();
    server =
        new GrpcServer(
                InProcessServerBuilder.forName(name),
                List.of(echo),
                List.of(new UnexpectedErrorInterceptor(classifier)),
                new SimpleMeterRegistry(),
                "test server",
                true)
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  private void echo(String request, StreamObserver<String> response) {
    switch (request) {
      case "boom" -> throw new IllegalStateException("secret internals");
      case "slow" -> {
        slowCallStarted.countDown();
        try {
          releaseSlowCall.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      default -> {}
    }
    response.onNext(request);
    response.onCompleted();
  }

  private static io.grpc.CallOptions callOptions() {
    return io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ServingStatus check(HealthGrpc.HealthBlockingStub health, String service) {
    return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
    var responses = new CompletableFuture<ServerReflectionResponse>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    responses.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    responses.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(request);
    requests.onCompleted();
    return responses.get(5, TimeUnit.SECONDS);
  }
}
