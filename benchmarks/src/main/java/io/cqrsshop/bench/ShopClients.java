package io.cqrsshop.bench;

import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The harness's connections to the two gRPC services: one channel each, shared by every caller
 * (HTTP/2 multiplexes them), and stubs with a fresh deadline per call.
 */
public final class ShopClients implements AutoCloseable {

  /** Generous: a call that needs longer is counted as DEADLINE_EXCEEDED, not waited for. */
  static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  private final ManagedChannel commandChannel;
  private final ManagedChannel queryChannel;
  private final CommandServiceGrpc.CommandServiceBlockingStub commands;
  private final QueryServiceGrpc.QueryServiceBlockingStub queries;

  private ShopClients(String commandTarget, String queryTarget) {
    this.commandChannel = ManagedChannelBuilder.forTarget(commandTarget).usePlaintext().build();
    this.queryChannel = ManagedChannelBuilder.forTarget(queryTarget).usePlaintext().build();
    this.commands = CommandServiceGrpc.newBlockingStub(commandChannel);
    this.queries = QueryServiceGrpc.newBlockingStub(queryChannel);
  }

  public static ShopClients connect(BenchOptions options) {
    return new ShopClients(options.commandTarget(), options.queryTarget());
  }

  /** A CommandService stub whose deadline starts now. */
  public CommandServiceGrpc.CommandServiceBlockingStub commands() {
    return commands.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A QueryService stub whose deadline starts now. */
  public QueryServiceGrpc.QueryServiceBlockingStub queries() {
    return queries.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    commandChannel.shutdown();
    queryChannel.shutdown();
    try {
      commandChannel.awaitTermination(5, TimeUnit.SECONDS);
      queryChannel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
