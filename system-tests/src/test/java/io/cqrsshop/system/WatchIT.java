package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.rpc.ErrorInfo;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.OrderStatus;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.proto.v1.WatchCustomerOrdersRequest;
import io.cqrsshop.proto.v1.WatchCustomerOrdersResponse;
import io.cqrsshop.proto.v1.WatchOrderRequest;
import io.cqrsshop.proto.v1.WatchOrderResponse;
import io.cqrsshop.proto.v1.WatchProductRequest;
import io.cqrsshop.proto.v1.WatchProductResponse;
import io.cqrsshop.query.QueryServiceApplication;
import io.cqrsshop.testing.TcpProxy;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live queries against the whole running system: a command's effect reaches the watches of its
 * aggregate through the projector's change announcements, in version order, without repeats, on any
 * query-service replica, after a broken stream, a restart or a lost announcement.
 */
class WatchIT {

  @RegisterExtension static final RunningSystem system = new RunningSystem();

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<QueryServiceApplication> replicas = new ArrayList<>();
  private final List<TcpProxy> proxies = new ArrayList<>();

  @BeforeAll
  static void start() {
    system.start();
  }

  @AfterEach
  void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    replicas.forEach(QueryServiceApplication::shutdown);
    proxies.forEach(TcpProxy::close);
  }

  @Test
  void watchProduct_concurrentCommands_versionsArriveInOrder_withoutRepeats_upToTheLast()
      throws Exception {
    CreateProductResponse product = createProduct();
    Watcher<WatchProductResponse> watcher =
        watchProduct(queries(system.query), request(product).build());
    watcher.awaitVersion(1);

    List<ChangeProductPriceResponse> changes = new CopyOnWriteArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        done.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    changes.add(changePrice(product.getProductId(), 1_000 + changes.size()));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    long last =
        changes.stream().mapToLong(ChangeProductPriceResponse::getVersion).max().orElseThrow();
    assertThat(last).isEqualTo(41);

    watcher.awaitVersion(last);
    List<Long> versions = watcher.versions();
    assertThat(versions).first().isEqualTo(1L);
    assertThat(versions).last().isEqualTo(last);
    assertThat(versions).isSorted().doesNotHaveDuplicates();
    assertThat(watcher.end).isNotDone();
  }

  @Test
  void watchOpenedWithAJustReturnedToken_startsWithTheCommandsEffect_everyTime() {
    CreateProductResponse product = createProduct();
    for (int round = 0; round < 10; round++) {
      ChangeProductPriceResponse change = changePrice(product.getProductId(), 2_000 + round);
      Watcher<WatchProductResponse> watcher =
          watchProduct(
              queries(system.query),
              request(product).addConsistencyTokens(change.getConsistencyToken()).build());
      WatchProductResponse first = watcher.awaitMessages(1).getFirst();
      assertThat(first.getProduct().getVersion()).isGreaterThanOrEqualTo(change.getVersion());
      watcher.cancel();
    }
  }

  @Test
  void commandRightAfterTheWatchOpens_isNeverLost() {
    CreateProductResponse product = createProduct();
    for (int round = 0; round < 10; round++) {
      Watcher<WatchProductResponse> watcher =
          watchProduct(queries(system.query), request(product).build());
      ChangeProductPriceResponse change = changePrice(product.getProductId(), 3_000 + round);
      watcher.awaitVersion(change.getVersion());
      watcher.cancel();
    }
  }

  @Test
  void resume_afterTheClientCancelled_sendsOnlyWhatItMissed() {
    CreateProductResponse product = createProduct();
    Watcher<WatchProductResponse> first =
        watchProduct(queries(system.query), request(product).build());
    WatchProductResponse seen = first.awaitVersion(1);
    first.cancel();
    changePrice(product.getProductId(), 4_001);
    long last = changePrice(product.getProductId(), 4_002).getVersion();

    Watcher<WatchProductResponse> resumed =
        watchProduct(
            queries(system.query),
            request(product).setResumeToken(seen.getConsistencyToken()).build());

    resumed.awaitVersion(last);
    assertThat(resumed.versions()).allMatch(version -> version > 1).isSorted();
  }

  @Test
  void replicaShutdown_endsWatchesWithUnavailable_andTheyResumeOnAnotherReplica() {
    CreateProductResponse product = createProduct();
    QueryServiceApplication leaving = replica(Map.of());
    Watcher<WatchProductResponse> watcher =
        watchProduct(queries(leaving), request(product).build());
    WatchProductResponse seen = watcher.awaitVersion(1);

    leaving.shutdown();

    Status ended = watcher.awaitEnd();
    assertThat(ended.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(reason(watcher.endException)).isEqualTo("SHUTTING_DOWN");

    long missed = changePrice(product.getProductId(), 5_001).getVersion();
    Watcher<WatchProductResponse> resumed =
        watchProduct(
            queries(replica(Map.of())),
            request(product).setResumeToken(seen.getConsistencyToken()).build());
    assertThat(resumed.awaitMessages(1).getFirst().getProduct().getVersion()).isEqualTo(missed);
  }

  @Test
  void resumingClient_followsAnOrderAcrossAReplicaShutdown_missingNothingAndRepeatingNothing() {
    CreateProductResponse product = createProduct();
    PlaceOrderResponse placed = placeOrder(product, createCustomer());
    await().atMost(WAIT).until(() -> orderVersionShown(placed.getOrderId()) >= 1);
    QueryServiceApplication first = replica(Map.of());
    QueryServiceApplication second = replica(Map.of());
    // The channel of each attempt goes to the first replica while it runs, then to the second.
    java.util.concurrent.atomic.AtomicReference<QueryServiceApplication> serving =
        new java.util.concurrent.atomic.AtomicReference<>(first);
    List<io.cqrsshop.proto.v1.Order> seen = new CopyOnWriteArrayList<>();
    try (ResumingOrderWatch watch =
        new ResumingOrderWatch(() -> queries(serving.get()), placed.getOrderId(), seen::add)) {
      await().atMost(WAIT).until(() -> !seen.isEmpty());

      serving.set(second);
      first.shutdown();
      long shipped = shipOrder(placed.getOrderId());

      await().atMost(WAIT).until(() -> seen.getLast().getVersion() == shipped);
      assertThat(seen)
          .extracting(io.cqrsshop.proto.v1.Order::getVersion)
          .containsExactly(1L, shipped);
    }
  }

  @Test
  void resumingClient_afterItsConnectionBreaksAbruptly_getsWhatItMissedAndNothingTwice() {
    CreateProductResponse product = createProduct();
    PlaceOrderResponse placed = placeOrder(product, createCustomer());
    await().atMost(WAIT).until(() -> orderVersionShown(placed.getOrderId()) >= 1);
    // What a crashed replica or a cut network looks like to the client: the connection just dies.
    TcpProxy network = new TcpProxy("127.0.0.1", system.query.grpcPort());
    proxies.add(network);
    ManagedChannel throughNetwork = RunningSystem.channel(network.port());
    channels.add(throughNetwork);
    List<io.cqrsshop.proto.v1.Order> seen = new CopyOnWriteArrayList<>();
    try (ResumingOrderWatch watch =
        new ResumingOrderWatch(
            () -> QueryServiceGrpc.newStub(throughNetwork), placed.getOrderId(), seen::add)) {
      await().atMost(WAIT).until(() -> !seen.isEmpty());

      network.disconnect();
      long shipped = shipOrder(placed.getOrderId());
      await().atMost(WAIT).until(() -> orderVersionShown(placed.getOrderId()) == shipped);
      network.reconnect();

      await().atMost(WAIT).until(() -> seen.getLast().getVersion() == shipped);
      assertThat(seen)
          .extracting(io.cqrsshop.proto.v1.Order::getVersion)
          .containsExactly(1L, shipped);
    }
  }

  @Test
  void twoReplicas_eachServeWatchesOfTheSameProduct() {
    CreateProductResponse product = createProduct();
    Watcher<WatchProductResponse> onOne =
        watchProduct(queries(system.query), request(product).build());
    Watcher<WatchProductResponse> onTwo =
        watchProduct(queries(replica(Map.of())), request(product).build());
    onOne.awaitVersion(1);
    onTwo.awaitVersion(1);

    long version = changePrice(product.getProductId(), 6_001).getVersion();

    assertThat(onOne.awaitVersion(version).getProduct().getPrice().getAmountMinor())
        .isEqualTo(6_001);
    assertThat(onTwo.awaitVersion(version).getProduct().getPrice().getAmountMinor())
        .isEqualTo(6_001);
  }

  @Test
  void slowReader_isNotBufferedFor_andGetsTheNewestStateWhenItReadsAgain() {
    CreateProductResponse product = createProduct();
    // A client that takes one message, then reads nothing while 150 versions are written; its
    // connection's window holds little, so the server sees it is not ready.
    ManagedChannel slowChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", system.query.grpcPort())
            .usePlaintext()
            .flowControlWindow(1024)
            .build();
    channels.add(slowChannel);
    Watcher<WatchProductResponse> slow = new Watcher<>(m -> m.getProduct().getVersion(), 1);
    QueryServiceGrpc.newStub(slowChannel).watchProduct(request(product).build(), slow);
    slow.awaitMessages(1);

    long last = 0;
    for (int i = 0; i < 150; i++) {
      last = changePrice(product.getProductId(), 7_000 + i).getVersion();
    }
    long written = last;
    awaitShown(product, written);

    slow.request(Integer.MAX_VALUE);

    slow.awaitVersion(written);
    assertThat(slow.versions()).isSorted().doesNotHaveDuplicates();
    // Versions written while it did not read were coalesced into the newest, not queued.
    assertThat(slow.versions().size()).isLessThan(75);
  }

  @Test
  void lostAnnouncements_theWatchCatchesUpWhenItsNatsConnectionIsBack() {
    CreateProductResponse product = createProduct();
    TcpProxy toNats = new TcpProxy("127.0.0.1", system.nats.port());
    proxies.add(toNats);
    // No timer to fall back on: only the reconnection can bring the missed version.
    QueryServiceApplication replica =
        replica(
            Map.of(
                "QUERY_NATS_URL",
                "nats://127.0.0.1:" + toNats.port(),
                "QUERY_WATCH_RECHECK_INTERVAL",
                "1h"));
    Watcher<WatchProductResponse> watcher =
        watchProduct(queries(replica), request(product).build());
    watcher.awaitVersion(1);

    toNats.disconnect();
    long version = changePrice(product.getProductId(), 8_001).getVersion();
    awaitShown(product, version);
    assertThat(watcher.versions()).containsExactly(1L);

    toNats.reconnect();

    watcher.awaitVersion(version);
  }

  @Test
  void limits_watchesPerConnectionAndPerCaller_areResourceExhausted_othersStillServed() {
    CreateProductResponse product = createProduct();
    QueryServiceApplication replica =
        replica(
            Map.of(
                "QUERY_MAX_WATCHES_PER_CALLER", "3",
                "QUERY_MAX_WATCHES_PER_CONNECTION", "2"));
    QueryServiceGrpc.QueryServiceStub first = queries(replica);
    QueryServiceGrpc.QueryServiceStub second = queries(replica);
    WatchProductRequest request = request(product).build();

    Watcher<WatchProductResponse> a1 = watchProduct(first, request);
    watchProduct(first, request).awaitVersion(1);
    a1.awaitVersion(1);
    Watcher<WatchProductResponse> overConnection = watchProduct(first, request);
    assertThat(overConnection.awaitEnd().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(reason(overConnection.endException)).isEqualTo("TOO_MANY_WATCHES");

    watchProduct(second, request).awaitVersion(1);
    Watcher<WatchProductResponse> overCaller = watchProduct(second, request);
    assertThat(overCaller.awaitEnd().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

    // Calls are not watches: the caller is still served.
    assertThat(
            QueryServiceGrpc.newBlockingStub(channel(replica))
                .getProduct(
                    GetProductRequest.newBuilder().setProductId(product.getProductId()).build())
                .getProduct()
                .getVersion())
        .isEqualTo(1);

    a1.cancel();
    await().atMost(WAIT).untilAsserted(() -> watchProduct(second, request).awaitVersion(1));
  }

  @Test
  void watchProduct_unknownId_isNotFound() {
    Watcher<WatchProductResponse> watcher =
        watchProduct(
            queries(system.query),
            WatchProductRequest.newBuilder().setProductId(UUID.randomUUID().toString()).build());

    assertThat(watcher.awaitEnd().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(watcher.versions()).isEmpty();
  }

  @Test
  void watchOrderAndCustomerOrders_seeANewOrderAndItsStatusChange() {
    CreateProductResponse product = createProduct();
    String customer = createCustomer();
    Watcher<WatchCustomerOrdersResponse> customerOrders =
        new Watcher<>(m -> m.getOrder().getVersion(), 0);
    queries(system.query)
        .watchCustomerOrders(
            WatchCustomerOrdersRequest.newBuilder().setCustomerId(customer).build(),
            customerOrders);

    PlaceOrderResponse placed = placeOrder(product, customer);
    assertThat(customerOrders.awaitMessages(1).getFirst().getOrder().getOrderId())
        .isEqualTo(placed.getOrderId());

    Watcher<WatchOrderResponse> order = new Watcher<>(m -> m.getOrder().getVersion(), 0);
    queries(system.query)
        .watchOrder(
            WatchOrderRequest.newBuilder()
                .setOrderId(placed.getOrderId())
                .addConsistencyTokens(placed.getConsistencyToken())
                .build(),
            order);
    assertThat(order.awaitVersion(1).getOrder().getStatus())
        .isEqualTo(OrderStatus.ORDER_STATUS_PLACED);

    long shipped = shipOrder(placed.getOrderId());

    assertThat(order.awaitVersion(shipped).getOrder().getStatus())
        .isEqualTo(OrderStatus.ORDER_STATUS_SHIPPED);
    assertThat(customerOrders.awaitVersion(shipped).getOrder().getStatus())
        .isEqualTo(OrderStatus.ORDER_STATUS_SHIPPED);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Waits until a lookup shows the product at {@code version}. */
  private static void awaitShown(CreateProductResponse product, long version) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                system
                        .queries()
                        .getProduct(
                            GetProductRequest.newBuilder()
                                .setProductId(product.getProductId())
                                .build())
                        .getProduct()
                        .getVersion()
                    == version);
  }

  private static String createCustomer() {
    return system
        .commands()
        .createUser(
            CreateUserRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setEmail("watcher-" + UUID.randomUUID() + "@example.com")
                .setName("Watcher")
                .build())
        .getUserId();
  }

  private static PlaceOrderResponse placeOrder(CreateProductResponse product, String customer) {
    return system
        .commands()
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setCustomerId(customer)
                .addLines(
                    PlaceOrderLine.newBuilder().setProductId(product.getProductId()).setQuantity(1))
                .build());
  }

  private static long shipOrder(String orderId) {
    return system
        .commands()
        .shipOrder(
            ShipOrderRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .build())
        .getVersion();
  }

  private static long orderVersionShown(String orderId) {
    try {
      return system
          .queries()
          .getOrder(io.cqrsshop.proto.v1.GetOrderRequest.newBuilder().setOrderId(orderId).build())
          .getOrder()
          .getVersion();
    } catch (io.grpc.StatusRuntimeException notYet) {
      return 0;
    }
  }

  /** A watch of the product, from a state that has its creation at least. */
  private static WatchProductRequest.Builder request(CreateProductResponse product) {
    return WatchProductRequest.newBuilder()
        .setProductId(product.getProductId())
        .addConsistencyTokens(product.getConsistencyToken());
  }

  private static CreateProductResponse createProduct() {
    return system
        .commands()
        .createProduct(
            CreateProductRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setSku("WATCH-" + UUID.randomUUID().toString().substring(0, 8))
                .setName("Watched product")
                .setCategory("probes")
                .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(100))
                .setInitialStock(10)
                .build());
  }

  private static ChangeProductPriceResponse changePrice(String productId, long amountMinor) {
    return system
        .commands()
        .changeProductPrice(
            ChangeProductPriceRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setProductId(productId)
                .setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(amountMinor))
                .build());
  }

  private QueryServiceApplication replica(Map<String, String> env) {
    QueryServiceApplication replica = system.startQueryService(env);
    replicas.add(replica);
    return replica;
  }

  private ManagedChannel channel(QueryServiceApplication query) {
    ManagedChannel channel = RunningSystem.channel(query.grpcPort());
    channels.add(channel);
    return channel;
  }

  /** A stub on a connection of its own. */
  private QueryServiceGrpc.QueryServiceStub queries(QueryServiceApplication query) {
    return QueryServiceGrpc.newStub(channel(query));
  }

  private static Watcher<WatchProductResponse> watchProduct(
      QueryServiceGrpc.QueryServiceStub stub, WatchProductRequest request) {
    Watcher<WatchProductResponse> watcher = new Watcher<>(m -> m.getProduct().getVersion(), 0);
    stub.watchProduct(request, watcher);
    return watcher;
  }

  private static String reason(Throwable error) {
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    assertThat(status).as("rich error details of " + error).isNotNull();
    return status.getDetailsList().stream()
        .filter(any -> any.is(ErrorInfo.class))
        .map(
            any -> {
              try {
                return any.unpack(ErrorInfo.class).getReason();
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
              }
            })
        .findFirst()
        .orElse("");
  }

  /** The client side of one watch: what it received, and how it ended. */
  static final class Watcher<M> implements ClientResponseObserver<Object, M> {

    final List<M> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();
    volatile Throwable endException;
    private final ToLongFunction<M> versionOf;
    private final int initialRequests;
    private volatile ClientCallStreamObserver<Object> call;

    /**
     * @param initialRequests 0 for automatic flow control, else the messages to take before {@link
     *     #request} asks for more
     */
    Watcher(ToLongFunction<M> versionOf, int initialRequests) {
      this.versionOf = versionOf;
      this.initialRequests = initialRequests;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
      call = requestStream;
      if (initialRequests > 0) {
        requestStream.disableAutoRequestWithInitial(initialRequests);
      }
    }

    @Override
    public void onNext(M message) {
      messages.add(message);
    }

    @Override
    public void onError(Throwable error) {
      endException = error;
      end.complete(Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      end.complete(Status.OK);
    }

    List<Long> versions() {
      return messages.stream().map(versionOf::applyAsLong).toList();
    }

    List<M> awaitMessages(int count) {
      await()
          .atMost(WAIT)
          .failFast("the watch ended", () -> end.isDone())
          .until(() -> messages.size() >= count);
      return messages;
    }

    /** The first message at {@code version} or newer. */
    M awaitVersion(long version) {
      await()
          .atMost(WAIT)
          .failFast("the watch ended", () -> end.isDone())
          .until(() -> messages.stream().anyMatch(m -> versionOf.applyAsLong(m) >= version));
      return messages.stream()
          .filter(m -> versionOf.applyAsLong(m) >= version)
          .findFirst()
          .orElseThrow();
    }

    Status awaitEnd() {
      await().atMost(WAIT).until(end::isDone);
      return end.join();
    }

    void request(int count) {
      call.request(count);
    }

    void cancel() {
      call.cancel("done watching", null);
    }
  }
}
