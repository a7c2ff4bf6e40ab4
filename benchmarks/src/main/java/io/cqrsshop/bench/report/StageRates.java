package io.cqrsshop.bench.report;

/**
 * The events per second of a scenario's stages, each next to its raw baseline's where it has one.
 */
public final class StageRates {

  private final Table table = new Table("stage", "events", "seconds", "events/s", "vs raw");

  /** A stage with the ratio of its rate to its baseline's. */
  public StageRates add(String stage, Phase phase, Comparison vsRaw) {
    return add(stage, phase, Ratios.times(vsRaw.ratio()));
  }

  /** A baseline, or a stage without one. */
  public StageRates add(String stage, Phase phase) {
    return add(stage, phase, "");
  }

  private StageRates add(String stage, Phase phase, String vsRaw) {
    table.row(
        stage,
        phase.ops(),
        Figures.seconds(phase.elapsed()),
        Figures.whole(phase.opsPerSecond()),
        vsRaw);
    return this;
  }

  public String render() {
    return table.render();
  }
}
