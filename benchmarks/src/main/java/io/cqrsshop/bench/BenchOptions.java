package io.cqrsshop.bench;

import io.cqrsshop.bench.report.ReadSide;
import io.cqrsshop.shared.EventSubjects;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What one benchmark run does and against which stack, parsed once from the command line by
 * picocli; {@link #usage()} says what each flag means and its default.
 *
 * @param duration how long the command mix runs (and the longest the order contest runs)
 * @param warmup how long the command mix runs, unmeasured, before the first measurement, and the
 *     queries before the queries scenario
 * @param phaseDuration how long each measured phase after the mix runs: both sides of a baseline
 *     pair, PlaceOrder alone, the growth steps' phases
 * @param growthSizes the sizes, in aggregates created by the run, the growth scenario measures at
 * @param watchSizes the numbers of watches the watch scenario holds open, one size after another
 * @param watchRate the ChangeProductPrice commands a second the watch scenario sends
 * @param json where to write the machine-readable report: a path, or "-" for standard output
 */
public record BenchOptions(
    int clients,
    Duration duration,
    Duration warmup,
    Duration phaseDuration,
    ReadSide readSide,
    Set<Scenario> scenarios,
    String commandTarget,
    String queryTarget,
    URI commandMetrics,
    URI projectorMetrics,
    int hotProducts,
    long hotStock,
    int samples,
    int burst,
    int backlog,
    int bulkSize,
    int rebuildEvents,
    List<Integer> growthSizes,
    List<Integer> watchSizes,
    int watchRate,
    String dbUrl,
    String dbUser,
    String dbPassword,
    URI elasticsearch,
    String indexPrefix,
    String natsUrl,
    String natsStream,
    String natsConsumer,
    Path stateDir,
    Optional<String> json) {

  public BenchOptions {
    scenarios = Set.copyOf(scenarios);
    growthSizes = List.copyOf(growthSizes);
    watchSizes = List.copyOf(watchSizes);
  }

  /** The command line help. */
  public static String usage() {
    return new CommandLine(spec()).getUsageMessage();
  }

  /** Reads the flags; anything unknown or out of range is a {@link UsageException}. */
  public static BenchOptions parse(List<String> args) throws UsageException {
    CommandSpec spec = spec();
    try {
      new CommandLine(spec)
          .setCaseInsensitiveEnumValuesAllowed(true)
          .parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    Flags flags = new Flags(spec);
    return new BenchOptions(
        flags.within("--clients", 1, 1024),
        flags.atLeast("--duration", Duration.ofSeconds(1)),
        flags.atLeast("--warmup", Duration.ZERO),
        flags.atLeast("--phase-duration", Duration.ofSeconds(1)),
        flags.value("--read-side"),
        scenarios(flags.value("--scenario")),
        flags.value("--command-target"),
        flags.value("--query-target"),
        URI.create(flags.http("--command-metrics")),
        URI.create(flags.http("--projector-metrics")),
        flags.within("--hot-products", 1, 20),
        flags.within("--hot-stock", 1, 1_000_000),
        flags.within("--samples", 1, 10_000),
        flags.within("--burst", 1, 1_000_000),
        flags.within("--backlog", 1, 1_000_000),
        flags.within("--bulk-size", 1, 10_000),
        flags.within("--rebuild-events", 1, 10_000_000),
        sizes("--growth-sizes", flags.value("--growth-sizes"), 10_000_000),
        sizes("--watches", flags.value("--watches"), 1_000_000),
        flags.within("--watch-rate", 1, 10_000),
        flags.checked("--db-url", "jdbc:postgresql:.*", "a jdbc:postgresql: URL"),
        flags.value("--db-user"),
        flags.value("--db-password"),
        URI.create(flags.http("--elasticsearch")),
        flags.checked(
            "--index-prefix", "[a-z0-9][a-z0-9_.-]*|", "lower case letters, digits, '_', '.', '-'"),
        flags.value("--nats"),
        flags.value("--nats-stream"),
        flags.value("--nats-consumer"),
        Path.of(flags.<String>value("--state-dir")),
        Optional.ofNullable(flags.value("--json")));
  }

  /** Every flag: its name, value label, type, default and help. */
  private static CommandSpec spec() {
    CommandSpec spec = CommandSpec.create().name("./dev bench");
    spec.usageMessage()
        .description("Measures the running stack (or java -jar benchmarks/target/benchmarks.jar).")
        .showDefaultValues(true)
        .sortOptions(false)
        .width(100)
        .longOptionsMaxWidth(26)
        .footer(
            "%nDurations: 20 (seconds), 20s, 500ms, 2m. Flags take their value as --flag value"
                + " or --flag=value.%n");
    String all =
        "all, or one or more of commands,orders,freshness,queries,pipeline, and rebuild, growth"
            + " and watch, which run only when named: rebuild";
    flag(
        spec,
        "--scenario",
        "S",
        String.class,
        "all",
        all
            + " fills the stream with --rebuild-events, growth loads --growth-sizes, watch needs"
            + " query-service started with QUERY_MAX_WATCHES_PER_CALLER above its largest"
            + " --watches");
    flag(spec, "--clients", "N", int.class, "8", "concurrent callers");
    flag(
        spec,
        "--duration",
        "D",
        Duration.class,
        "20s",
        "length of the command mix, cap of the" + " order contest");
    flag(
        spec,
        "--phase-duration",
        "D",
        Duration.class,
        "10s",
        "length of each measured phase"
            + " after the mix: the baseline pairs, PlaceOrder alone, the growth steps' phases");
    flag(
        spec,
        "--warmup",
        "D",
        Duration.class,
        "3s",
        "unmeasured command mix before the first"
            + " scenario, and as long of the four queries over gRPC before the queries scenario: a"
            + " freshly started service spends its first minutes compiling, so give it 60s or more"
            + " for steady figures");
    flag(
        spec,
        "--read-side",
        "MODE",
        ReadSide.class,
        "running",
        "running or paused: paused"
            + " freezes the projector and query-service (SIGSTOP) while the commands scenario"
            + " measures, so that the write side has the CPUs to itself");
    flag(
        spec,
        "--json",
        "PATH",
        String.class,
        null,
        "also write the figures as JSON to PATH"
            + " (\"-\": standard output, the tables then go to standard error)");
    flag(spec, "--command-target", "H:P", String.class, "127.0.0.1:50051", "CommandService");
    flag(spec, "--query-target", "H:P", String.class, "127.0.0.1:50052", "QueryService");
    flag(
        spec,
        "--command-metrics",
        "URL",
        String.class,
        "http://127.0.0.1:9091/metrics",
        "command-service metrics");
    flag(
        spec,
        "--projector-metrics",
        "URL",
        String.class,
        "http://127.0.0.1:9093/metrics",
        "projector metrics");
    flag(spec, "--hot-products", "N", int.class, "3", "products the order contest fights over");
    flag(spec, "--hot-stock", "N", int.class, "1000", "starting stock of each contested product");
    flag(spec, "--samples", "N", int.class, "30", "writes measured per freshness method");
    flag(spec, "--burst", "N", int.class, "2000", "commands in the pipeline burst");
    flag(
        spec,
        "--backlog",
        "N",
        int.class,
        "10000",
        "events the projector works off after being" + " frozen");
    flag(
        spec,
        "--bulk-size",
        "N",
        int.class,
        "500",
        "documents per raw _bulk request (as the" + " projector)");
    flag(
        spec,
        "--rebuild-events",
        "N",
        int.class,
        "100000",
        "product events the rebuild scenario"
            + " rebuilds from at least; it adds stock adjustments until the stream holds them");
    flag(
        spec,
        "--growth-sizes",
        "N,N",
        String.class,
        "10000,100000",
        "the growth scenario's" + " sizes, in aggregates this run creates through CommandService");
    flag(
        spec,
        "--watches",
        "N,N",
        String.class,
        "1000,10000",
        "the watch scenario's sizes: WatchProduct streams held open on query-service at once, "
            + WatchFanOut.PER_CHANNEL
            + " per connection, over "
            + WatchFanOut.PRODUCTS
            + " products");
    flag(
        spec,
        "--watch-rate",
        "N",
        int.class,
        "200",
        "ChangeProductPrice a second on the watched products while the watch scenario measures");
    flag(
        spec,
        "--db-url",
        "URL",
        String.class,
        "jdbc:postgresql://127.0.0.1:5432/cqrsshop",
        "the write database, for the raw JDBC baseline");
    flag(
        spec,
        "--db-user",
        "U",
        String.class,
        "cqrsshop_owner",
        "a role that may create the" + " baseline's scratch schema: the schema owner");
    flag(spec, "--db-password", "P", String.class, "cqrsshop_owner", "");
    flag(
        spec,
        "--elasticsearch",
        "URL",
        String.class,
        "http://127.0.0.1:9200",
        "for the raw" + " Elasticsearch baselines");
    flag(spec, "--index-prefix", "P", String.class, "", "the services' INDEX_PREFIX");
    flag(
        spec,
        "--nats",
        "URL",
        String.class,
        "nats://127.0.0.1:4222",
        "for the raw JetStream" + " baseline");
    flag(
        spec,
        "--nats-stream",
        "NAME",
        String.class,
        EventSubjects.DEFAULT_STREAM,
        "the relay's" + " stream, whose settings the scratch stream copies");
    flag(
        spec,
        "--nats-consumer",
        "NAME",
        String.class,
        "projector",
        "the prefix of the" + " projector's durable consumers");
    flag(
        spec,
        "--state-dir",
        "DIR",
        String.class,
        ".dev",
        "./dev's state directory with the pid" + " files");
    spec.addOption(
        OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
    return spec;
  }

  private static void flag(
      CommandSpec spec, String name, String label, Class<?> type, String fallback, String help) {
    OptionSpec.Builder option =
        OptionSpec.builder(name).paramLabel(label).type(type).description(help);
    if (fallback != null) {
      option.defaultValue(fallback);
    }
    if (type == Duration.class) {
      option.converters(new DurationConverter());
    }
    spec.addOption(option.build());
  }

  /** "all", or scenario names separated by commas. */
  private static Set<Scenario> scenarios(String value) throws UsageException {
    Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
    if (value.equals("all")) {
      Arrays.stream(Scenario.values()).filter(Scenario::inAll).forEach(chosen::add);
      return chosen;
    }
    List<String> known = Arrays.stream(Scenario.values()).map(Scenario::flagName).toList();
    for (String name : value.split(",", -1)) {
      int index = known.indexOf(name.trim());
      if (index < 0) {
        throw new UsageException(
            "--scenario: unknown scenario '" + name + "' (all, " + String.join(", ", known) + ")");
      }
      chosen.add(Scenario.values()[index]);
    }
    return chosen;
  }

  /** Ascending whole numbers separated by commas: "10000,100000". */
  private static List<Integer> sizes(String flag, String value, int max) throws UsageException {
    List<Integer> sizes = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String digits = part.trim().replace("_", "");
      int size = digits.matches("\\d{1,8}") ? Integer.parseInt(digits) : 0;
      if (size < 1 || size > max || (!sizes.isEmpty() && size <= sizes.getLast())) {
        throw new UsageException(
            flag + " must be ascending sizes from 1 to " + max + ", not '" + value + "'");
      }
      sizes.add(size);
    }
    return sizes;
  }

  /** The parsed flags' values, with the checks picocli cannot express. */
  private record Flags(CommandSpec spec) {

    <T> T value(String name) {
      return spec.findOption(name).getValue();
    }

    int within(String name, int min, int max) throws UsageException {
      int value = value(name);
      if (value < min || value > max) {
        throw new UsageException(
            name + " must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    }

    Duration atLeast(String name, Duration min) throws UsageException {
      Duration value = value(name);
      if (value.compareTo(min) < 0) {
        throw new UsageException(name + " must be at least " + min.toMillis() + "ms");
      }
      return value;
    }

    String http(String name) throws UsageException {
      return checked(name, "https?://.+", "an http(s) URL");
    }

    String checked(String name, String form, String what) throws UsageException {
      String value = value(name);
      if (!value.matches(form)) {
        throw new UsageException(name + " must be " + what + ", not '" + value + "'");
      }
      return value;
    }
  }

  /** Reads durations written as {@code 20} (seconds), {@code 20s}, {@code 500ms} or {@code 2m}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)?");

    @Override
    public Duration convert(String value) {
      Matcher matcher = FORM.matcher(value.trim());
      if (!matcher.matches()) {
        throw new CommandLine.TypeConversionException(
            "not a duration: '" + value + "' (use 20, 20s, 500ms, 2m)");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    }
  }
}
