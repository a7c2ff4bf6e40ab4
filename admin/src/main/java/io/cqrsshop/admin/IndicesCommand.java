package io.cqrsshop.admin;

import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code admin indices}: lists the physical indices of the read models; {@code delete} removes an
 * old one (the projectors then delete its consumer), {@code delete --retired} every one that
 * neither serves nor is being built.
 */
@Command(
    name = "indices",
    mixinStandardHelpOptions = true,
    description = "Lists or deletes the physical indices of the read models.",
    subcommands = {IndicesCommand.Delete.class})
final class IndicesCommand implements Callable<Integer> {

  private final AdminContext context;

  IndicesCommand(AdminContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    for (ReadModel model : ReadModel.values()) {
      for (PhysicalIndex index : context.indices().physicalIndices(model)) {
        context
            .out()
            .printf(
                "%-10s %-34s v%d%s%s%s%n",
                model.baseName(),
                index.name(),
                index.version(),
                index.generation() == 0 ? "" : " rebuild " + index.generation(),
                index.serving() ? "  (serving)" : "",
                index.live() ? "  (live)" : "");
      }
    }
    return ExitCodes.OK;
  }

  /** Deletes one index that no alias serves, or every one that neither serves nor is building. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Deletes an index the alias no longer points at (refuses the serving one); the"
            + " projectors delete its consumer within a lifecycle interval.",
        "A live index of an older version is what a rollback serves again: delete it once the"
            + " new version is there to stay."
      })
  static final class Delete implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Delete.class);

    private final AdminContext context;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "INDEX",
        description = "the index, e.g. products_v1")
    private String index;

    @picocli.CommandLine.Option(
        names = "--retired",
        description =
            "every index of every read model that the alias does not serve and that no rebuild"
                + " under way fills: older versions, and older rebuilds of the serving one")
    private boolean retired;

    Delete(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      if (retired == (index != null)) {
        throw new IllegalArgumentException("name one INDEX, or --retired");
      }
      if (retired) {
        return deleteRetired();
      }
      for (ReadModel model : ReadModel.values()) {
        if (context.names().parse(model, index).isPresent()) {
          context.indices().delete(model, index);
          log.warn("deleted index {} of read model {}", index, model.baseName());
          context.out().println("deleted " + index);
          return ExitCodes.OK;
        }
      }
      throw new IllegalArgumentException(index + " is not an index of any read model");
    }

    private int deleteRetired() throws Exception {
      int deleted = 0;
      for (ReadModel model : ReadModel.values()) {
        java.util.Optional<String> building =
            context
                .rebuilds()
                .get(model.baseName())
                .map(io.cqrsshop.projector.application.rebuild.Versioned::value)
                .filter(record -> record.state().isActive())
                .map(io.cqrsshop.projector.application.rebuild.RebuildRecord::targetIndex);
        for (PhysicalIndex candidate : context.indices().physicalIndices(model)) {
          if (candidate.serving() || building.filter(candidate.name()::equals).isPresent()) {
            continue;
          }
          context.indices().delete(model, candidate.name());
          log.warn("deleted retired index {} of read model {}", candidate.name(), model.baseName());
          context.out().println("deleted " + candidate.name());
          deleted++;
        }
      }
      if (deleted == 0) {
        context.out().println("no retired index to delete");
      }
      return ExitCodes.OK;
    }
  }
}
