package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.cqrsshop.proto.events.v1.EventEnvelope;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CommandServiceGrpc.CommandServiceBlockingStub;
import io.cqrsshop.runtime.security.AccessPolicy;
import io.cqrsshop.runtime.security.AuthSettings;
import io.cqrsshop.runtime.security.AuthenticationInterceptor;
import io.cqrsshop.runtime.security.TokenVerifier;
import io.cqrsshop.testing.FreePorts;
import io.cqrsshop.testing.TestCertificates;
import io.cqrsshop.testing.TestTokens;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * command-service configured as in production: TLS from PEM files, bearer tokens checked against
 * the issuer's public key, reflection for operators only, and a plaintext listener that serves only
 * health for the kubelet's probes. Proves the wiring end to end, through the service's own {@code
 * COMMAND_TLS_*} and {@code COMMAND_AUTH_*} settings and its 30 s reload; the details of the TLS
 * handshakes, the rotation and each token check are proven in service-runtime.
 */
class SecuredCommandServiceIT {

  private static final String CATALOG_WRITE = "cqrsshop.catalog.write";

  @RegisterExtension static final TestStack stack = new TestStack();

  private static final TestCertificates AUTHORITY = TestCertificates.authority("secured test CA");
  private static final TestTokens ISSUER = TestTokens.newIssuer();
  private static final List<ManagedChannel> CHANNELS = new ArrayList<>();
  private static final HealthCheckRequest ANY = HealthCheckRequest.getDefaultInstance();
  private static Path directory;
  private static CommandServiceApplication app;
  private static int plaintextHealthPort;

  @BeforeAll
  static void start() throws IOException {
    directory = Files.createTempDirectory("secured-command-service");
    AUTHORITY.issue("command-service").writeTo(directory, "server");
    AUTHORITY.writeCertificate(directory.resolve("ca.crt"));
    plaintextHealthPort = FreePorts.find();
    Map<String, String> env = stack.env();
    env.put("COMMAND_TLS_CERT_FILE", directory.resolve("server.crt").toString());
    env.put("COMMAND_TLS_KEY_FILE", directory.resolve("server.key").toString());
    env.put("COMMAND_TLS_PLAINTEXT_HEALTH_PORT", Integer.toString(plaintextHealthPort));
    env.put(
        "COMMAND_AUTH_PUBLIC_KEY_FILE",
        ISSUER.writePublicKey(directory.resolve("issuer.pem")).toString());
    env.put("COMMAND_AUTH_ISSUER", TestTokens.ISSUER);
    env.put("COMMAND_AUTH_AUDIENCE", TestTokens.AUDIENCE);
    env.put("COMMAND_REFLECTION", "admin");
    app = stack.startApp(env);
  }

  @AfterAll
  static void closeChannels() {
    CHANNELS.forEach(ManagedChannel::shutdownNow);
  }

  @Test
  void plaintextCall_isRefused() {
    Throwable refused =
        catchThrowable(
            () ->
                health(channel(app.grpcPort(), InsecureChannelCredentials.create()))
                    .check(HealthCheckRequest.getDefaultInstance()));

    assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void health_isOpenOverTlsAndOnThePlaintextHealthPort() {
    assertThat(health(tlsChannel()).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    ManagedChannel probe = channel(plaintextHealthPort, InsecureChannelCredentials.create());
    assertThat(health(probe).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void plaintextHealthPort_servesNothingButHealth() {
    ManagedChannel probe = channel(plaintextHealthPort, InsecureChannelCredentials.create());

    Throwable refused =
        catchThrowable(
            () ->
                CommandServiceGrpc.newBlockingStub(probe)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .createProduct(Requests.product(1)));

    assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @Test
  void command_withoutOrWithBadToken_isUnauthenticatedWithAReason() {
    assertThat(refusal(commands(null))).isEqualTo(unauthenticated(TokenVerifier.TOKEN_MISSING));
    assertThat(refusal(commands("not-a-jwt")))
        .isEqualTo(unauthenticated(TokenVerifier.TOKEN_MALFORMED));
    assertThat(refusal(commands(TestTokens.newIssuer().token("mallory", CATALOG_WRITE))))
        .isEqualTo(unauthenticated(TokenVerifier.TOKEN_SIGNATURE_INVALID));
  }

  @Test
  void command_withATokenForAnotherPartOnly_isPermissionDeniedNamingItsScope() {
    GrpcErrorDetails details =
        GrpcErrorDetails.of(
            catchThrowable(
                () ->
                    commands(ISSUER.token("ada", "cqrsshop.catalog.read", "cqrsshop.orders.write"))
                        .createProduct(Requests.product(1))));

    assertThat(details.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(details.reason()).isEqualTo(AuthenticationInterceptor.SCOPE_MISSING);
    assertThat(details.info().orElseThrow().getMetadataMap())
        .containsEntry("required_scope", CATALOG_WRITE);
  }

  @Test
  void customerToken_placesOrdersForItselfOnly() {
    CommandServiceBlockingStub backOffice =
        commands(ISSUER.token("clerk", CATALOG_WRITE, "cqrsshop.users.write"));
    String product = backOffice.createProduct(Requests.product(10)).getProductId();
    String ada = backOffice.createUser(Requests.user(Requests.email())).getUserId();
    String bob = backOffice.createUser(Requests.user(Requests.email())).getUserId();
    CommandServiceBlockingStub asAda = commands(ISSUER.token(ada, AccessPolicy.CUSTOMER_SCOPE));

    assertThat(asAda.placeOrder(Requests.order(ada, product, 1)).getOrderId()).isNotEmpty();
    GrpcErrorDetails forBob =
        GrpcErrorDetails.of(
            catchThrowable(() -> asAda.placeOrder(Requests.order(bob, product, 1))));
    assertThat(forBob.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(forBob.reason()).isEqualTo(AuthenticationInterceptor.NOT_YOUR_DATA);
    GrpcErrorDetails price =
        GrpcErrorDetails.of(
            catchThrowable(() -> asAda.adjustProductStock(Requests.adjustStock(product, 5))));
    assertThat(price.reason()).isEqualTo(AuthenticationInterceptor.SCOPE_MISSING);
  }

  @Test
  void sameRequestIdFromTwoCallers_runsTwoCommandsEachRecordingItsCaller() {
    CommandServiceBlockingStub ada = commands(ISSUER.token("ada", CATALOG_WRITE));
    CommandServiceBlockingStub bob = commands(ISSUER.token("bob", CATALOG_WRITE));
    String product = ada.createProduct(Requests.product(10)).getProductId();
    AdjustProductStockRequest adjust =
        AdjustProductStockRequest.newBuilder()
            .setRequestId(Requests.requestId())
            .setProductId(product)
            .setDelta(5)
            .setReason("restock")
            .build();

    long adaVersion = ada.adjustProductStock(adjust).getVersion();
    long bobVersion = bob.adjustProductStock(adjust).getVersion();
    long adaAgain = ada.adjustProductStock(adjust).getVersion();

    assertThat(adaVersion).isEqualTo(2);
    assertThat(bobVersion).isEqualTo(3);
    assertThat(adaAgain).as("ada's repeat gets ada's stored result").isEqualTo(2);
    assertThat(stack.count("SELECT stock FROM products WHERE id = '" + product + "'"))
        .isEqualTo(20);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        stack.stream().all().stream()
                            .map(EventStreamReader.StoredEvent::envelope)
                            .filter(event -> event.getAggregateId().equals(product))
                            .map(EventEnvelope::getCaller))
                    .containsExactly("ada", "ada", "bob"));
  }

  @Test
  void reflection_needsTheAdminScope() throws Exception {
    assertThat(Status.fromThrowable(catchThrowable(() -> listServices(null))).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(
            Status.fromThrowable(
                    catchThrowable(() -> listServices(ISSUER.token("ada", CATALOG_WRITE))))
                .getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);

    assertThat(listServices(ISSUER.token("operator", AuthSettings.SCOPE_ADMIN)))
        .contains("cqrsshop.v1.CommandService");
  }

  @Test
  void certificateRenewedOnDisk_isServedWithoutARestart() {
    java.math.BigInteger before = AUTHORITY.servedSerial(app.grpcPort());

    java.math.BigInteger renewed =
        AUTHORITY.issue("command-service").writeTo(directory, "server").serial();

    assertThat(renewed).isNotEqualTo(before);
    // The service looks at the files every 30 s.
    await()
        .atMost(Duration.ofSeconds(75))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> AUTHORITY.servedSerial(app.grpcPort()).equals(renewed));
    assertThat(health(tlsChannel()).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void mutualTls_refusesAClientWithoutATrustedCertificate() throws IOException {
    AUTHORITY.issue("trusted client").writeTo(directory, "client");
    TestCertificates.authority("another CA").issue("stranger").writeTo(directory, "stranger");
    Map<String, String> env = stack.env();
    env.put("COMMAND_TLS_CERT_FILE", directory.resolve("server.crt").toString());
    env.put("COMMAND_TLS_KEY_FILE", directory.resolve("server.key").toString());
    env.put("COMMAND_TLS_CLIENT_CA_FILE", directory.resolve("ca.crt").toString());
    env.put("COMMAND_TLS_CLIENT_AUTH", "require");
    int port = stack.startApp(env).grpcPort();

    assertThat(health(channel(port, withClientCertificate("client"))).check(ANY).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    for (ChannelCredentials refused : List.of(withClientCertificate("stranger"), trustingTheCa())) {
      assertThat(
              Status.fromThrowable(catchThrowable(() -> health(channel(port, refused)).check(ANY)))
                  .getCode())
          .isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  private static ChannelCredentials withClientCertificate(String name) throws IOException {
    return TlsChannelCredentials.newBuilder()
        .trustManager(directory.resolve("ca.crt").toFile())
        .keyManager(
            directory.resolve(name + ".crt").toFile(), directory.resolve(name + ".key").toFile())
        .build();
  }

  private static ChannelCredentials trustingTheCa() throws IOException {
    return TlsChannelCredentials.newBuilder()
        .trustManager(directory.resolve("ca.crt").toFile())
        .build();
  }

  private static String unauthenticated(String reason) {
    return Status.Code.UNAUTHENTICATED + " " + reason;
  }

  private static String refusal(CommandServiceBlockingStub client) {
    GrpcErrorDetails details =
        GrpcErrorDetails.of(catchThrowable(() -> client.createProduct(Requests.product(1))));
    return details.code() + " " + details.reason();
  }

  private CommandServiceBlockingStub commands(String token) {
    CommandServiceBlockingStub stub =
        CommandServiceGrpc.newBlockingStub(tlsChannel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    return token == null ? stub : stub.withInterceptors(bearer(token));
  }

  private List<String> listServices(String token) throws Exception {
    var stub = ServerReflectionGrpc.newStub(tlsChannel());
    if (token != null) {
      stub = stub.withInterceptors(bearer(token));
    }
    var response = new CompletableFuture<ServerReflectionResponse>();
    StreamObserver<ServerReflectionRequest> requests =
        stub.serverReflectionInfo(
            new StreamObserver<>() {
              @Override
              public void onNext(ServerReflectionResponse value) {
                response.complete(value);
              }

              @Override
              public void onError(Throwable t) {
                response.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {}
            });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    try {
      return response.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
          .map(io.grpc.reflection.v1.ServiceResponse::getName)
          .toList();
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static io.grpc.ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private static HealthGrpc.HealthBlockingStub health(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ManagedChannel tlsChannel() {
    try {
      return channel(app.grpcPort(), trustingTheCa());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ManagedChannel channel(int port, ChannelCredentials credentials) {
    ManagedChannel channel = Grpc.newChannelBuilder("localhost:" + port, credentials).build();
    synchronized (CHANNELS) {
      CHANNELS.add(channel);
    }
    return channel;
  }
}
