package io.cqrsshop.runtime;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.function.Consumer;

/** A gRPC server in this JVM and a channel to it, both on the calling thread, for unit tests. */
public record InProcessGrpc(Server server, ManagedChannel channel) implements AutoCloseable {

  /** Starts a server with what {@code services} adds to it (services, interceptors). */
  public static InProcessGrpc start(Consumer<InProcessServerBuilder> services) throws IOException {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    services.accept(builder);
    Server server = builder.build().start();
    return new InProcessGrpc(
        server, InProcessChannelBuilder.forName(name).directExecutor().build());
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
