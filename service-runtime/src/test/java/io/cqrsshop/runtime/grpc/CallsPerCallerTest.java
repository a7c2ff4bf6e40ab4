package io.cqrsshop.runtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import io.cqrsshop.runtime.Utf8Marshaller;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One caller holding calls open up to the bound: its next call is RESOURCE_EXHAUSTED at once,
 * another caller is still served, and the caller gets its room back as its calls end. Without
 * authentication the caller is the peer's address, so two in-process peers stand for two callers.
 */
class CallsPerCallerTest {

  private static final int LIMIT = 3;
  private static final MethodDescriptor<String, String> HOLD =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Slow/Hold")
          .setRequestMarshaller(new Utf8Marshaller())
          .setResponseMarshaller(new Utf8Marshaller())
          .build();

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch holding = new CountDownLatch(LIMIT);
  private final ExecutorService clients = Executors.newCachedThreadPool();
  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private ServerServiceDefinition limited;

  @BeforeEach
  void service() {
    ServerServiceDefinition slow =
        ServerServiceDefinition.builder("test.Slow")
            .addMethod(
                HOLD,
                ServerCalls.asyncUnaryCall(
                    (request, observer) -> {
                      if (request.equals("hold")) {
                        holding.countDown();
                        try {
                          release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                      observer.onNext("done");
                      observer.onCompleted();
                    }))
            .build();
    limited = ServerInterceptors.intercept(slow, new CallsPerCaller(LIMIT));
  }

  @AfterEach
  void stop() {
    release.countDown();
    channels.forEach(ManagedChannel::shutdownNow);
    servers.forEach(Server::shutdownNow);
    clients.shutdownNow();
  }

  @Test
  void callerAtItsBound_isResourceExhausted_othersAreServed_andRoomComesBack() throws Exception {
    ManagedChannel greedy = channel();
    List<Future<String>> held = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      held.add(clients.submit(() -> call(greedy, "hold")));
    }
    // Every held call is admitted and running before the one over the bound is made.
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    StatusRuntimeException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            StatusRuntimeException.class, () -> call(greedy, "quick"));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(StatusProto.fromThrowable(refused).getDetails(0).unpack(ErrorInfo.class).getReason())
        .isEqualTo(CallsPerCaller.REASON);
    assertThat(call(channel(), "quick")).as("another caller").isEqualTo("done");

    release.countDown();
    for (Future<String> call : held) {
      assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }
    assertThat(call(greedy, "quick")).as("the caller once its calls ended").isEqualTo("done");
  }

  /** A server and a channel of their own: in process, each peer address is its own caller. */
  private ManagedChannel channel() throws Exception {
    String name = InProcessServerBuilder.generateName();
    servers.add(InProcessServerBuilder.forName(name).addService(limited).build().start());
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    channels.add(channel);
    return channel;
  }

  private static String call(ManagedChannel channel, String request) {
    return ClientCalls.blockingUnaryCall(channel, HOLD, CallOptions.DEFAULT, request);
  }
}
