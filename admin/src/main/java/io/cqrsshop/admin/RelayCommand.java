package io.cqrsshop.admin;

import io.cqrsshop.command.relay.outbox.SetAsideEvents;
import io.cqrsshop.command.relay.outbox.SetAsideEvents.SetAsideEvent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code admin relay set-aside ...}: the events the outbox relay could never publish (set aside so
 * that they do not hold up the others): list them, put them back for another try after a fix.
 */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description = "The outbox relay's set-aside events (in PostgreSQL, ADMIN_DB_*).",
    subcommands = {RelayCommand.ListSetAside.class, RelayCommand.Retry.class})
final class RelayCommand implements Callable<Integer> {

  private final AdminContext context;

  RelayCommand(AdminContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    return new ListSetAside(context).call();
  }

  private static SetAsideEvents setAside(AdminContext context) {
    AdminConfig config = context.config();
    return new SetAsideEvents(
        Jdbi.create(config.dbUrl(), config.dbUser(), config.dbPassword().value()));
  }

  /** Lists the set-aside events, oldest first. */
  @Command(
      name = "set-aside",
      mixinStandardHelpOptions = true,
      description = "Lists set-aside events.")
  static final class ListSetAside implements Callable<Integer> {

    private final AdminContext context;

    ListSetAside(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      List<SetAsideEvent> events = setAside(context).list();
      context
          .out()
          .printf(
              "%-38s %-8s %-38s %-16s %9s %8s  %s%n",
              "EVENT", "TYPE", "AGGREGATE", "EVENT TYPE", "BYTES", "WAITING", "REASON");
      for (SetAsideEvent event : events) {
        context
            .out()
            .printf(
                "%-38s %-8s %-38s %-16s %,9d %8d  %s%n",
                event.eventId(),
                event.aggregateType().code(),
                event.aggregateId() + "@" + event.aggregateVersion(),
                event.eventType(),
                event.payloadBytes(),
                event.waitingBehind(),
                ParkedCommand.shorten(event.reason(), 100));
      }
      context.out().printf("%d set aside%n", events.size());
      return ExitCodes.OK;
    }
  }

  /** Puts set-aside events back for the relay to publish. */
  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description =
          "Puts set-aside events back for the relay to publish (after the cause is fixed).")
  static final class Retry implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(paramLabel = "EVENT", arity = "0..*")
    private List<UUID> ids = List.of();

    @Option(names = "--all", description = "every set-aside event")
    private boolean all;

    Retry(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (all == !ids.isEmpty()) {
        throw new IllegalArgumentException("name the events to retry, or pass --all");
      }
      SetAsideEvents setAside = setAside(context);
      if (all) {
        context.out().printf("put back %d events%n", setAside.retryAll());
        return ExitCodes.OK;
      }
      int missing = 0;
      for (UUID id : ids) {
        boolean back = setAside.retry(id);
        context.out().println(id + (back ? ": put back" : ": not set aside"));
        missing += back ? 0 : 1;
      }
      return missing == 0 ? ExitCodes.OK : ExitCodes.PROBLEM;
    }
  }
}
