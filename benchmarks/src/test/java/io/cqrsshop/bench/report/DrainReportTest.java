package io.cqrsshop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.bench.PipelineSample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainReportTest {

  private static final PipelineSample BEFORE = new PipelineSample(0, 100, 0, 50, 0);
  private static final Duration BURST = Duration.ofMillis(1000);

  @Test
  void render_drainedAfterTheBurst_printsWhenEachStageFinishedAndWhatWasLeft() {
    PipelineSample atBurstEnd = new PipelineSample(ms(1000), 180, 20, 100, 40);
    List<PipelineSample> timeline =
        List.of(
            new PipelineSample(ms(500), 150, 3, 60, 0),
            new PipelineSample(ms(1500), 200, 0, 130, 40),
            new PipelineSample(ms(2000), 200, 0, 150, 0));

    String report =
        new DrainReport(BEFORE, atBurstEnd, timeline, BURST, 100, Duration.ofMinutes(2)).render();

    assertThat(report)
        .containsPattern("commands committed\\s+100\\s+1\\.00 s\\s+-\\s+100\\.0\\s+-")
        .containsPattern("relay: published to NATS\\s+100\\s+1\\.50 s\\s+0\\.50 s\\s+66\\.7\\s+20")
        .containsPattern("projector: applied to ES\\s+100\\s+2\\.00 s\\s+1\\.00 s\\s+50\\.0\\s+50")
        .containsPattern("relay_backlog_events\\s+0\\s+20\\s+0\\s+20");
  }

  @Test
  void render_everythingHandledByTheBurstEnd_isDoneWhenTheBurstEnded() {
    PipelineSample atBurstEnd = new PipelineSample(ms(1000), 200, 0, 150, 0);

    String report =
        new DrainReport(BEFORE, atBurstEnd, List.of(), BURST, 100, Duration.ofMinutes(2)).render();

    assertThat(report)
        .containsPattern("projector: applied to ES\\s+100\\s+1\\.00 s\\s+0\\.00 s\\s+100\\.0\\s+0");
  }

  @Test
  void render_projectorNeverCaughtUp_saysHowFarItGot() {
    PipelineSample atBurstEnd = new PipelineSample(ms(1000), 190, 0, 70, 70);
    List<PipelineSample> timeline = List.of(new PipelineSample(ms(1500), 200, 0, 80, 70));

    String report =
        new DrainReport(BEFORE, atBurstEnd, timeline, BURST, 100, Duration.ofMinutes(2)).render();

    assertThat(report)
        .containsPattern(
            "projector: applied to ES\\s+30 of 100\\s+not within 120 s\\s+-\\s+-\\s+80");
  }

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }
}
