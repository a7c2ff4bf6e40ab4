package io.cqrsshop.admin;

import io.cqrsshop.projector.application.ParkReason;
import io.cqrsshop.projector.application.ParkedEvents;
import io.cqrsshop.projector.application.rebuild.RebuildProgress;
import io.cqrsshop.projector.application.rebuild.RebuildRecord;
import io.cqrsshop.projector.application.rebuild.Versioned;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code admin status}: what each read model serves, its rebuild, and the parked events. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows each read model's serving index, its other indices, its rebuild, and the"
            + " parked events.")
final class StatusCommand implements Callable<Integer> {

  private final AdminContext context;

  StatusCommand(AdminContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = context.out();
    out.printf("%-10s %-34s %10s  %s%n", "READ MODEL", "SERVING INDEX", "DOCUMENTS", "REBUILD");
    for (ReadModel model : ReadModel.values()) {
      List<PhysicalIndex> indices = context.indices().physicalIndices(model);
      Optional<PhysicalIndex> serving = indices.stream().filter(PhysicalIndex::serving).findFirst();
      String documents =
          serving.isPresent() ? String.format("%,d", documents(serving.get().name())) : "-";
      out.printf(
          "%-10s %-34s %10s  %s%n",
          model.baseName(),
          serving.map(PhysicalIndex::name).orElse("(none)"),
          documents,
          rebuild(context.rebuilds().get(model.baseName())));
      for (PhysicalIndex other : indices) {
        if (!other.serving()) {
          out.printf(
              "%-10s   also %-29s %10s  %s%n",
              "",
              other.name(),
              String.format("%,d", documents(other.name())),
              other.live()
                  ? "live: kept current while a v" + other.version() + " build runs"
                  : "retired (admin indices delete --retired)");
        }
      }
    }
    out.println();
    long parked = context.parked().count();
    out.printf("parked events: %,d%n", parked);
    for (ParkReason reason : ParkReason.values()) {
      int some = context.parked().list(Optional.of(reason), ParkedEvents.Cursor.START, 1).size();
      if (some > 0) {
        out.printf("  some %s (admin parked list --reason %s)%n", reason, reason);
      }
    }
    return ExitCodes.OK;
  }

  private long documents(String index) throws Exception {
    return context.elasticsearch().count(c -> c.index(index)).count();
  }

  static String rebuild(Optional<Versioned<RebuildRecord>> record) {
    if (record.isEmpty()) {
      return "never rebuilt";
    }
    RebuildRecord value = record.get().value();
    String progress =
        value.state().isActive()
            ? ", "
                + RebuildProgress.describe(
                    value.eventsDone(),
                    value.eventsTotal(),
                    value.eventsPerSecond(),
                    Optional.empty())
            : "";
    return value.state()
        + " "
        + value.targetIndex()
        + " ("
        + value.reason()
        + progress
        + (value.owner().isEmpty() ? "" : ", by " + value.owner())
        + ")"
        + (value.message() == null || value.message().isEmpty() ? "" : ": " + value.message());
  }
}
