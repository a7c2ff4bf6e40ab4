package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsshop.bench.report.ReadSide;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void parse_noFlags_usesTheDefaultsOfTheLocalStack() throws UsageException {
    BenchOptions options = BenchOptions.parse(List.of());

    assertThat(options.clients()).isEqualTo(8);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(3));
    // The rebuild scenario fills the stream first, growth loads a large shop, and watch needs a
    // query-service with room for 10,000 watches: only when named.
    assertThat(options.scenarios())
        .isEqualTo(
            EnumSet.complementOf(EnumSet.of(Scenario.REBUILD, Scenario.GROWTH, Scenario.WATCH)));
    assertThat(options.commandTarget()).isEqualTo("127.0.0.1:50051");
    assertThat(options.queryTarget()).isEqualTo("127.0.0.1:50052");
    assertThat(options.commandMetrics()).isEqualTo(URI.create("http://127.0.0.1:9091/metrics"));
    assertThat(options.projectorMetrics()).isEqualTo(URI.create("http://127.0.0.1:9093/metrics"));
    assertThat(options.phaseDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.readSide()).isEqualTo(ReadSide.RUNNING);
    assertThat(options.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/cqrsshop");
    assertThat(options.dbUser()).isEqualTo("cqrsshop_owner");
    assertThat(options.elasticsearch()).isEqualTo(URI.create("http://127.0.0.1:9200"));
    assertThat(options.natsUrl()).isEqualTo("nats://127.0.0.1:4222");
    assertThat(options.natsStream()).isEqualTo("SHOP_EVENTS");
    assertThat(options.indexPrefix()).isEmpty();
    assertThat(options.stateDir()).isEqualTo(Path.of(".dev"));
    assertThat(options.json()).isEmpty();
  }

  @Test
  void parse_readSideJsonAndBaselineTargets_readsThem() throws UsageException {
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "--read-side=paused",
                "--json",
                "-",
                "--phase-duration",
                "5s",
                "--db-url",
                "jdbc:postgresql://db:5433/shop",
                "--index-prefix",
                "prod-",
                "--state-dir",
                "/var/tmp/x"));

    assertThat(options.readSide()).isEqualTo(ReadSide.PAUSED);
    assertThat(options.json()).contains("-");
    assertThat(options.phaseDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.dbUrl()).isEqualTo("jdbc:postgresql://db:5433/shop");
    assertThat(options.indexPrefix()).isEqualTo("prod-");
    assertThat(options.stateDir()).isEqualTo(Path.of("/var/tmp/x"));
  }

  @Test
  void parse_badReadSideDbUrlOrIndexPrefix_isRejected() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--read-side", "stopped")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("expected one of [RUNNING, PAUSED]");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--db-url", "postgres://x")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--index-prefix", "Shop")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("lower case");
  }

  @Test
  void parse_valuesAsSeparateArgumentsOrAfterEquals_readsBoth() throws UsageException {
    BenchOptions options =
        BenchOptions.parse(
            List.of(
                "--clients",
                "32",
                "--duration=1500ms",
                "--scenario",
                "orders,pipeline",
                "--command-target=cmd:1",
                "--query-target",
                "qry:2",
                "--warmup",
                "0"));

    assertThat(options.clients()).isEqualTo(32);
    assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.warmup()).isZero();
    assertThat(options.scenarios()).containsExactlyInAnyOrder(Scenario.ORDERS, Scenario.PIPELINE);
    assertThat(options.commandTarget()).isEqualTo("cmd:1");
    assertThat(options.queryTarget()).isEqualTo("qry:2");
  }

  @Test
  void parse_durationsInSecondsOrMinutes_convertsThem() throws UsageException {
    assertThat(BenchOptions.parse(List.of("--duration", "45")).duration())
        .isEqualTo(Duration.ofSeconds(45));
    assertThat(BenchOptions.parse(List.of("--duration", "2m")).duration())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void parse_unknownFlag_namesIt() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--clientz", "3")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--clientz");
  }

  @Test
  void parse_unknownScenario_listsTheKnownOnes() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--scenario", "reads")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("reads")
        .hasMessageContaining("commands, orders, freshness, queries, pipeline");
  }

  @Test
  void parse_clientsOutOfRangeOrNotANumber_isRejected() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--clients", "0")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("between 1 and 1024");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--clients", "many")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'many' is not an int");
  }

  @Test
  void parse_flagWithoutValue_saysItNeedsOne() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--duration")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Missing required parameter for option '--duration'");
  }

  @Test
  void parse_badDurationOrUrl_isRejected() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--warmup", "soon")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--command-metrics", "ftp://x/metrics")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("http(s)");
  }

  @Test
  void parse_positionalArgument_isRejected() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("commands")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Unmatched argument at index 0: 'commands'");
  }

  @Test
  void parse_rebuildNamed_runsIt() throws UsageException {
    assertThat(BenchOptions.parse(List.of("--scenario", "rebuild")).scenarios())
        .containsExactly(Scenario.REBUILD);
    assertThat(BenchOptions.parse(List.of()).rebuildEvents()).isEqualTo(100_000);
  }

  @Test
  void parse_growthNamed_runsItAtTheGivenSizes() throws UsageException {
    BenchOptions options =
        BenchOptions.parse(List.of("--scenario", "growth", "--growth-sizes", "1000,10_000"));

    assertThat(options.scenarios()).containsExactly(Scenario.GROWTH);
    assertThat(options.growthSizes()).containsExactly(1_000, 10_000);
    assertThat(BenchOptions.parse(List.of()).growthSizes()).containsExactly(10_000, 100_000);
  }

  @Test
  void parse_growthSizesNotAscending_isRefused() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--growth-sizes", "10000,1000")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--growth-sizes must be ascending");
  }

  @Test
  void parse_watchNamed_runsItAtTheGivenSizesAndRate() throws UsageException {
    BenchOptions options =
        BenchOptions.parse(
            List.of("--scenario", "watch", "--watches", "1000,10_000", "--watch-rate", "50"));

    assertThat(options.scenarios()).containsExactly(Scenario.WATCH);
    assertThat(options.watchSizes()).containsExactly(1_000, 10_000);
    assertThat(options.watchRate()).isEqualTo(50);
    BenchOptions defaults = BenchOptions.parse(List.of());
    assertThat(defaults.watchSizes()).containsExactly(1_000, 10_000);
    assertThat(defaults.watchRate()).isEqualTo(200);
  }

  @Test
  void parse_watchSizesNotAscending_isRefused() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--watches", "10000,1000")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--watches must be ascending");
  }
}
