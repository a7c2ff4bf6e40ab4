package io.cqrsshop.command.api;

import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Transactions;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The gRPC {@code cqrsshop.v1.CommandService}: one endpoint method per RPC ({@link
 * ProductCommands}, {@link UserCommands}, {@link OrderCommands}), each run by {@link CommandRpc}.
 */
public final class CommandEndpoint implements BindableService {

  private final IdempotentCommands commands;
  private final List<CommandRpc<?, ?>> rpcs;

  /** Every RPC, its use case run at most once per request id in a transaction of its own. */
  public CommandEndpoint(Transactions transactions, Clock clock) {
    this.commands = new IdempotentCommands(transactions, clock);
    this.rpcs =
        Stream.of(new ProductCommands().all(), new UserCommands().all(), new OrderCommands().all())
            .flatMap(List::stream)
            .toList();
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder(CommandServiceGrpc.getServiceDescriptor());
    rpcs.forEach(rpc -> rpc.addTo(service, commands));
    // build() refuses a service with an RPC of the contract left without a registration.
    return service.build();
  }
}
