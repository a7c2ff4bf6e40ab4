package io.cqrsshop.admin;

import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.readmodel.ReadModel;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code admin indices delete}: removes an old version of a read model, kept after a rebuild. */
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
                "%-10s %-34s v%d%s%s%n",
                model.baseName(),
                index.name(),
                index.version(),
                index.generation() == 0 ? "" : " rebuild " + index.generation(),
                index.serving() ? "  (serving)" : "");
      }
    }
    return ExitCodes.OK;
  }

  /** Deletes one index that no alias serves. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes an index the alias no longer points at (refuses the serving one).")
  static final class Delete implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Delete.class);

    private final AdminContext context;

    @Parameters(index = "0", paramLabel = "INDEX", description = "the index, e.g. products_v1")
    private String index;

    Delete(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
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
  }
}
