package io.cqrsshop.admin;

import io.cqrsshop.admin.drift.DocumentDrift;
import io.cqrsshop.admin.drift.DriftReport;
import io.cqrsshop.admin.drift.HistoryDrift;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code admin drift}: compares PostgreSQL's write model with every read model and reports what
 * differs; with {@code --repair}, re-projects what differs from the write model.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the write model (PostgreSQL, ADMIN_DB_*) with the read models, document by"
          + " document: versions and every field the projection writes. Safe on a live system:"
          + " what changes during the check is checked again, not reported.",
      "Exit status 0 when nothing drifted (or everything was repaired), 1 otherwise."
    })
final class DriftCommand implements Callable<Integer> {

  private final AdminContext context;

  @Option(
      names = "--model",
      converter = ReadModelNames.class,
      description = "only these read models (repeatable); default: all")
  private List<ReadModel> models = List.of(ReadModel.values());

  @Option(
      names = "--repair",
      description = "re-project every drifted document from the write model")
  private boolean repair;

  @Option(
      names = "--settle",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "how long a difference may take to disappear before it counts (${DEFAULT-VALUE})")
  private Duration settle;

  DriftCommand(AdminContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    long drifted = 0;
    long repaired = 0;
    for (ReadModel model : models) {
      Optional<PhysicalIndex> serving = context.indices().servingIndex(model);
      if (serving.isEmpty()) {
        context.out().println(model.baseName() + ": no index serves it (see admin status)");
        drifted++;
        continue;
      }
      String index = serving.get().name();
      ProgressBar bar = new ProgressBar(context.out(), context.clock());
      Instant started = context.clock().instant();
      DriftReport report;
      if (model == ReadModel.HISTORY) {
        HistoryDrift check =
            new HistoryDrift(
                context.elasticsearch(),
                context.database(),
                context.interpreter(),
                context.store(),
                index,
                settle);
        long total = check.total();
        report = check.check(repair, done -> show(bar, model, done, total, started));
      } else {
        DocumentDrift check =
            new DocumentDrift(
                context.elasticsearch(),
                context.database(),
                context.interpreter(),
                context.store(),
                model,
                index,
                settle);
        long total = check.total();
        report = check.check(repair, done -> show(bar, model, done, total, started));
      }
      bar.done();
      report.print(context.out());
      drifted += report.drifted();
      repaired += report.repairedCount();
      if (repair && report.blockedCount() > 0) {
        RebuildRequests rebuilds = new RebuildRequests(context);
        boolean rebuilt =
            rebuilds
                    .request(
                        model,
                        Optional.empty(),
                        "the drift check could not repair "
                            + report.blockedCount()
                            + " documents in place")
                    .isPresent()
                && rebuilds.watch(model) == ExitCodes.OK;
        if (!rebuilt) {
          context
              .out()
              .println(model.baseName() + ": the rebuild did not finish; see admin status");
          return ExitCodes.PROBLEM;
        }
        repaired += report.blockedCount();
      }
    }
    if (drifted == 0) {
      return ExitCodes.OK;
    }
    if (repair) {
      context.out().printf("repaired %,d documents; run admin drift again to confirm%n", repaired);
    }
    return repair && repaired > 0 ? ExitCodes.OK : ExitCodes.PROBLEM;
  }

  private void show(ProgressBar bar, ReadModel model, long done, long total, Instant started) {
    double seconds =
        Math.max(0.001, Duration.between(started, context.clock().instant()).toMillis() / 1000.0);
    double rate = done / seconds;
    bar.show(
        "checking " + model.baseName(),
        done,
        total,
        rate,
        rate <= 0
            ? Optional.empty()
            : Optional.of(Duration.ofMillis((long) (Math.max(0, total - done) / rate * 1000))));
  }
}
