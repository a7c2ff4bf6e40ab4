package io.cqrsshop.admin;

import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.RebuildState;
import io.cqrsshop.projector.application.rebuild.RebuildTarget;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code admin rebuild <model>}: asks the projectors to rebuild a read model into a fresh index (to
 * repair it), or to serve another version again (a rollback: that version's live index catches up,
 * then the alias swaps), and shows its progress until it is done. With {@code --from-postgres},
 * this tool first loads the history from PostgreSQL's event log, for when the stream no longer
 * holds all of it.
 */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds a read model into a fresh index beside the serving one; queries keep reading the"
          + " old index until the new one has caught up, then the alias swaps.",
      "A running projector of that version does the work; this command asks for it and shows"
          + " progress (Ctrl-C stops watching, not the rebuild)."
    })
final class RebuildCommand implements Callable<Integer> {

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration UNTAKEN_WARNING = Duration.ofSeconds(30);

  private final AdminContext context;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      converter = ReadModelNames.class,
      description = "products, users, orders, sales or history")
  private ReadModel model;

  @Option(
      names = "--version",
      description =
          "the version to serve (default: the one the alias serves, rebuilt fresh). Another"
              + " version serves its live index again once that has caught up (a rollback), or"
              + " is built if it has none; a projector of that version does the work")
  private Integer version;

  @Option(
      names = "--from-postgres",
      description =
          "load the history from PostgreSQL's event log (ADMIN_DB_*) first, then let a"
              + " projector finish from the stream")
  private boolean fromPostgres;

  @Option(names = "--no-wait", description = "ask for the rebuild and return at once")
  private boolean noWait;

  @Option(names = "--cancel", description = "stop the rebuild under way; the alias does not move")
  private boolean cancel;

  RebuildCommand(AdminContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    RebuildRequests requests = new RebuildRequests(context);
    Optional<Versioned<RebuildRecord>> record = context.rebuilds().get(model.baseName());
    if (cancel) {
      return cancel(record);
    }
    if (record.isPresent() && record.get().value().state().isActive()) {
      context
          .out()
          .printf(
              "a rebuild of %s into %s is under way (%s); watching it%n",
              model.baseName(), record.get().value().targetIndex(), record.get().value().state());
      return requests.watch(model);
    }
    if (fromPostgres) {
      RebuildTarget target = requests.target(model, Optional.ofNullable(version), record);
      int status =
          new EventLogLoad(
                  context,
                  ReadModelSchema.of(model, target.version()),
                  target.index(),
                  target.previous(),
                  record)
              .run();
      return status != ExitCodes.OK || noWait ? status : requests.watch(model);
    }
    if (requests
        .request(model, Optional.ofNullable(version), "requested by " + operator())
        .isEmpty()) {
      context.err().println("someone else asked for a rebuild at the same time; try again");
      return ExitCodes.PROBLEM;
    }
    return noWait ? ExitCodes.OK : requests.watch(model);
  }

  private int cancel(Optional<Versioned<RebuildRecord>> record) throws Exception {
    if (record.isEmpty() || !record.get().value().state().isActive()) {
      context.out().println("no rebuild of " + model.baseName() + " is under way");
      return ExitCodes.OK;
    }
    RebuildRecord value = record.get().value();
    RebuildRecord cancelled =
        new RebuildRecord(
            value.readModel(),
            value.targetIndex(),
            value.version(),
            value.generation(),
            value.previousIndex(),
            value.reason(),
            RebuildState.CANCELLED,
            value.historySince(),
            value.owner(),
            value.leaseExpiresAt(),
            value.eventsDone(),
            value.eventsTotal(),
            0,
            "cancelled by " + operator(),
            value.requestedAt(),
            value.startedAt(),
            context.clock().instant(),
            value.swappedAt(),
            context.clock().instant());
    if (context.rebuilds().replace(record.get(), cancelled).isEmpty()) {
      context.err().println("the rebuild changed meanwhile; try again");
      return ExitCodes.PROBLEM;
    }
    context
        .out()
        .println(
            "cancelled the rebuild of "
                + model.baseName()
                + " into "
                + value.targetIndex()
                + (context
                        .indices()
                        .servingIndex(model)
                        .filter(serving -> serving.name().equals(value.targetIndex()))
                        .isPresent()
                    ? " (its alias had already swapped: the index serves and is live, and the"
                        + " projectors of its version keep it current)"
                    : "; the alias did not move"));
    return ExitCodes.OK;
  }

  static String operator() {
    String user = System.getProperty("user.name", "someone");
    String host = System.getenv().getOrDefault("HOSTNAME", "");
    return host.isEmpty() ? user : user + "@" + host;
  }
}
