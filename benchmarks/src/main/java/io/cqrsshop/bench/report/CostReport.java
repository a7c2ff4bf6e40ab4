package io.cqrsshop.bench.report;

import io.cqrsshop.bench.proc.Component;
import io.cqrsshop.bench.proc.Costs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

/**
 * Renders what each process of the stack spent in a scenario's phases, one row per phase: CPU time
 * per operation (the steadier figure on a shared machine), cores kept busy, and resident memory at
 * the end of the phase.
 */
public final class CostReport {

  private CostReport() {}

  public static String render(List<Phase> phases) {
    List<Component> shown = new ArrayList<>();
    for (Component component : Component.values()) {
      if (phases.stream().anyMatch(p -> p.costs().used().containsKey(component))) {
        shown.add(component);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("CPU µs per operation (CPU time of each process and its children / operations):\n");
    List<Component> processes = shown.stream().filter(Component::isProcess).toList();
    out.append(table(phases, processes, (p, used) -> format(used.microsPerOp(p.ops()), "%.0f")));
    out.append("cores busy (CPU time / wall time; others: the rest of the machine):\n");
    out.append(table(phases, shown, (p, used) -> format(used.cores(p.elapsed()), "%.2f")));
    out.append("resident memory at the end of the phase, MB:\n");
    out.append(
        table(
            phases,
            processes,
            (p, used) -> String.format(Locale.ROOT, "%.0f", used.rssMegabytes())));
    Map<String, String> unmeasured = new LinkedHashMap<>();
    for (Phase phase : phases) {
      phase.costs().unmeasured().forEach((c, why) -> unmeasured.putIfAbsent(c.label(), why));
    }
    unmeasured.forEach(
        (label, why) ->
            out.append("not measured: ").append(label).append(" (").append(why).append(")\n"));
    return out.toString();
  }

  private static String table(
      List<Phase> phases, List<Component> shown, BiFunction<Phase, Costs.Used, String> cell) {
    List<String> header = new ArrayList<>(List.of("phase", "ops"));
    shown.forEach(c -> header.add(c.label()));
    Table table = new Table(header.toArray(String[]::new));
    for (Phase phase : phases) {
      List<Object> row = new ArrayList<>(List.of(phase.name(), phase.ops()));
      for (Component component : shown) {
        Costs.Used used = phase.costs().used().get(component);
        row.add(used == null ? "-" : cell.apply(phase, used));
      }
      table.row(row.toArray());
    }
    return table.render();
  }

  private static String format(OptionalDouble value, String pattern) {
    return value.isPresent() ? String.format(Locale.ROOT, pattern, value.getAsDouble()) : "-";
  }
}
