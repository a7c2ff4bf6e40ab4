package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.testing.GrpcWire;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jdbi.v3.core.Jdbi;

/**
 * Drives every RPC of both real servers (over the real pipeline: PostgreSQL, JetStream,
 * Elasticsearch) with generated requests and asserts what a client must be able to count on,
 * whatever it sends: never INTERNAL or UNKNOWN, response headers within the 8 KB a default gRPC
 * client accepts, no write at all for a command that was refused, and INVALID_ARGUMENT for a page
 * token whose seal a client recomputed without the service's key.
 *
 * <p>Tries are tuned for CI (about half a minute here); edge-case mode is off because jqwik's edge
 * cases of these nested generators are mostly the same few trivial requests.
 */
class ApiFuzzIT {

  /** What a default gRPC client accepts as response headers (and trailers) in total. */
  private static final int CLIENT_HEADER_LIMIT = 8 * 1024;

  /** The server's default limit on a request; larger ones are RESOURCE_EXHAUSTED by design. */
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private static final Set<Status.Code> NEVER = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN);

  private static RunningSystem system;
  private static ManagedChannel commandChannel;
  private static ManagedChannel queryChannel;
  private static Jdbi database;
  private static FuzzRequests requests;

  @BeforeContainer
  static void start() {
    system = new RunningSystem().start();
    commandChannel = channel(system.command.grpcPort());
    queryChannel = channel(system.query.grpcPort());
    database =
        Jdbi.create(system.database.url(), system.database.user(), system.database.password());
    requests = seed();
  }

  @AfterContainer
  static void stop() {
    commandChannel.shutdownNow();
    queryChannel.shutdownNow();
    system.close();
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void commands_anyRequest_neverInternal_boundedHeaders_noWriteWhenRefused(
      @ForAll("commands") Call call) {
    long writesBefore = writes();

    Status status = call.invoke(commandChannel);

    assertAcceptable(call, status);
    if (!status.isOk()) {
      assertThat(writes()).as("rows written by a refused %s", call.name()).isEqualTo(writesBefore);
    }
    everyRpcDriven(CommandServiceGrpc.getServiceDescriptor());
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void queries_anyRequest_neverInternal_boundedHeaders(@ForAll("queries") Call call) {
    assertAcceptable(call, call.invoke(queryChannel));
    everyRpcDriven(QueryServiceGrpc.getServiceDescriptor());
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void anyRpc_bodyThatIsNotItsRequest_isAClearStatus(
      @ForAll("methods") MethodDescriptor<?, ?> method, @ForAll byte[] body) {
    long writesBefore = writes();
    boolean command = method.getServiceName().equals(CommandServiceGrpc.SERVICE_NAME);
    Call call = Call.raw(method, body);

    Status status = call.invoke(command ? commandChannel : queryChannel);

    assertAcceptable(call, status);
    if (command && !status.isOk()) {
      assertThat(writes()).isEqualTo(writesBefore);
    }
  }

  @Provide
  Arbitrary<Call> commands() {
    return calls(CommandServiceGrpc.getServiceDescriptor());
  }

  @Provide
  Arbitrary<Call> queries() {
    return calls(QueryServiceGrpc.getServiceDescriptor());
  }

  @Provide
  Arbitrary<MethodDescriptor<?, ?>> methods() {
    List<MethodDescriptor<?, ?>> all = new ArrayList<>();
    all.addAll(CommandServiceGrpc.getServiceDescriptor().getMethods());
    all.addAll(QueryServiceGrpc.getServiceDescriptor().getMethods());
    return Arbitraries.of(all);
  }

  private static Arbitrary<Call> calls(ServiceDescriptor service) {
    List<Arbitrary<Call>> perMethod = new ArrayList<>();
    for (MethodDescriptor<?, ?> method : service.getMethods()) {
      perMethod.add(requests.of(prototype(method)).map(request -> Call.of(method, request)));
    }
    return Arbitraries.oneOf(perMethod);
  }

  /** Checked once the property's tries are done: each RPC of the service was called. */
  private static void everyRpcDriven(ServiceDescriptor service) {
    Statistics.label("rpc")
        .coverage(
            coverage ->
                service
                    .getMethods()
                    .forEach(m -> coverage.check(m.getBareMethodName()).count(n -> n > 0)));
  }

  private static void assertAcceptable(Call call, Status status) {
    Statistics.label("rpc").collect(call.name());
    Statistics.label("status").collect(status.getCode());
    assertThat(status.getCode()).as("status of %s", call).isNotIn(NEVER);
    if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
      assertThat(call.size())
          .as("only a request over the size limit")
          .isGreaterThan(MAX_REQUEST_BYTES);
    }
    assertThat(call.headerBytes()).as("trailers of %s", call).isLessThan(CLIENT_HEADER_LIMIT);
    if (call.unkeyedPageToken() && call.size() <= MAX_REQUEST_BYTES) {
      Statistics.label("unkeyed page token").collect(status.getCode());
      assertThat(status.getCode())
          .as("status of %s, whose page token was sealed without the key", call)
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }

  /** Rows a command can write: events, state and the request-id log. */
  private static long writes() {
    return database.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM command_requests)"
                        + " + (SELECT count(*) FROM products) + (SELECT count(*) FROM users)"
                        + " + (SELECT count(*) FROM orders)")
                .mapTo(Long.class)
                .one());
  }

  /** A few real aggregates and their tokens, once projected, so that ids and tokens can hit. */
  private static FuzzRequests seed() {
    var commands = system.commands();
    List<String> ids = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    String customer =
        commands
            .createUser(
                CreateUserRequest.newBuilder()
                    .setRequestId("fuzz-seed-user")
                    .setEmail("fuzz@example.com")
                    .setName("Fuzz Seed")
                    .build())
            .getUserId();
    ids.add(customer);
    for (int i = 0; i < 2; i++) {
      var product =
          commands.createProduct(
              CreateProductRequest.newBuilder()
                  .setRequestId("fuzz-seed-product-" + i)
                  .setSku("FUZZ-" + i)
                  .setName("Fuzz product " + i)
                  .setCategory("fuzz")
                  .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(100))
                  .setInitialStock(1_000_000)
                  .build());
      ids.add(product.getProductId());
      tokens.add(product.getConsistencyToken());
    }
    var order =
        commands.placeOrder(
            PlaceOrderRequest.newBuilder()
                .setRequestId("fuzz-seed-order")
                .setCustomerId(customer)
                .addLines(PlaceOrderLine.newBuilder().setProductId(ids.get(1)).setQuantity(1))
                .build());
    ids.add(order.getOrderId());
    tokens.add(order.getConsistencyToken());
    // Waits until the read models hold the seeds, so their tokens never make a query wait (the
    // indices are created as the first events arrive, and their shards start a moment later).
    await("the read models hold the seeds")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                system
                    .queries()
                    .getOrder(
                        GetOrderRequest.newBuilder()
                            .setOrderId(order.getOrderId())
                            .addAllConsistencyTokens(tokens)
                            .build())
                    .hasOrder());
    ids.add(UUID.randomUUID().toString());
    return new FuzzRequests(ids, tokens);
  }

  private static Message prototype(MethodDescriptor<?, ?> method) {
    return (Message)
        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
  }

  private static ManagedChannel channel(int port) {
    // Accepts far more than a default client so that the size of too large trailers is seen.
    return ManagedChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .maxInboundMetadataSize(1024 * 1024)
        .build();
  }

  /** One generated call: a method and the bytes of its request, and what came back. */
  static final class Call {
    private final MethodDescriptor<?, ?> method;
    private final byte[] body;
    private final String shown;
    private final boolean unkeyedPageToken;
    private int headerBytes;

    private Call(
        MethodDescriptor<?, ?> method, byte[] body, String shown, boolean unkeyedPageToken) {
      this.method = method;
      this.body = body;
      this.shown = shown;
      this.unkeyedPageToken = unkeyedPageToken;
    }

    static Call of(MethodDescriptor<?, ?> method, Message request) {
      String text = request.toString();
      return new Call(
          method,
          request.toByteArray(),
          text.length() > 300 ? text.substring(0, 300) + "..." : text,
          ForgedPageTokens.hasUnkeyedSeal(request));
    }

    static Call raw(MethodDescriptor<?, ?> method, byte[] body) {
      return new Call(method, body, Base64.getEncoder().encodeToString(body), false);
    }

    /** Whether the request carries a page token sealed without the service's key. */
    boolean unkeyedPageToken() {
      return unkeyedPageToken;
    }

    String name() {
      return method.getBareMethodName();
    }

    int size() {
      return body.length;
    }

    int headerBytes() {
      return headerBytes;
    }

    /** Sends the request as raw bytes and returns the status; OK when a response came. */
    Status invoke(ManagedChannel channel) {
      MethodDescriptor<byte[], byte[]> raw = GrpcWire.rawMethod(method.getFullMethodName());
      try {
        ClientCalls.blockingUnaryCall(
            channel, raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body);
        return Status.OK;
      } catch (StatusRuntimeException e) {
        headerBytes = GrpcWire.trailerBytes(e);
        return e.getStatus();
      }
    }

    @Override
    public String toString() {
      return method.getFullMethodName() + " " + shown;
    }
  }
}
