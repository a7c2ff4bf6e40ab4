package io.cqrsshop.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.cqrsshop.runtime.InProcessGrpc;
import io.cqrsshop.testing.TestTracing;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracedCallsTest {

  private static final MethodDescriptor<Empty, Empty> API_METHOD =
      MethodDescriptor.<Empty, Empty>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.v1.Api/Call")
          .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .build();

  private final TestTracing tracing = new TestTracing();
  private InProcessGrpc grpc;

  @BeforeEach
  void serve() throws IOException {
    grpc =
        InProcessGrpc.start(
            server ->
                server
                    .addService(new HealthStatusManager().getHealthService())
                    .addService(
                        ServerServiceDefinition.builder(API_METHOD.getServiceName())
                            .addMethod(
                                API_METHOD,
                                ServerCalls.asyncUnaryCall(
                                    (request, response) -> {
                                      response.onNext(Empty.getDefaultInstance());
                                      response.onCompleted();
                                    }))
                            .build())
                    .intercept(new TracedCalls(tracing.openTelemetry())));
  }

  @AfterEach
  void stop() {
    grpc.close();
  }

  @Test
  void interceptCall_apiMethod_hasAServerSpanWithItsMethodAndStatus() {
    ClientCalls.blockingUnaryCall(
        grpc.channel(), API_METHOD, CallOptions.DEFAULT, Empty.getDefaultInstance());

    assertThat(tracing.spans())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo(API_METHOD.getFullMethodName());
              assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
              assertThat(span.getAttributes().asMap().toString()).contains("status_code=0");
            });
  }

  @Test
  void interceptCall_healthCheck_isNotTraced() {
    HealthGrpc.newBlockingStub(grpc.channel()).check(HealthCheckRequest.getDefaultInstance());

    assertThat(tracing.spans()).isEmpty();
  }
}
