package io.cqrsshop.bench;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one benchmark run does and against which stack, parsed once from the command line (by
 * picocli, see {@link Flags} for each flag's meaning and default).
 *
 * @param duration how long the command mix runs (and the longest the order contest runs)
 * @param warmup how long the command mix runs, unmeasured, before the first measurement, and the
 *     queries before the queries scenario
 * @param phaseDuration how long each measured phase after the mix runs: both sides of a baseline
 *     pair, PlaceOrder alone, the growth steps' phases
 * @param growthSizes the sizes, in aggregates created by the run, the growth scenario measures at
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
  }

  /** The command line help. */
  public static String usage() {
    return commandLine(new Flags()).getUsageMessage();
  }

  /** Reads the flags; anything unknown or out of range is a {@link UsageException}. */
  public static BenchOptions parse(List<String> args) throws UsageException {
    Flags flags = new Flags();
    try {
      commandLine(flags).parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    return flags.options();
  }

  private static CommandLine commandLine(Flags flags) {
    return new CommandLine(flags)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(100)
        .setUsageHelpLongOptionsMaxWidth(26);
  }

  /** The flags as picocli reads them, checked and turned into a {@link BenchOptions}. */
  @Command(
      name = "./dev bench",
      description = "Measures the running stack (or java -jar benchmarks/target/benchmarks.jar).",
      sortOptions = false,
      showDefaultValues = true,
      footer =
          "%nDurations: 20 (seconds), 20s, 500ms, 2m. Flags take their value as --flag value"
              + " or --flag=value.%n")
  private static final class Flags {

    @Option(
        names = "--scenario",
        paramLabel = "S",
        description =
            "all, or one or more of commands,orders,freshness,queries,pipeline, and rebuild (only"
                + " when named: it fills the stream with --rebuild-events) and growth (only when"
                + " named: it loads --growth-sizes)")
    String scenario = "all";

    @Option(names = "--clients", paramLabel = "N", description = "concurrent callers")
    int clients = 8;

    @Option(
        names = "--duration",
        paramLabel = "D",
        converter = DurationConverter.class,
        defaultValue = "20s",
        description = "length of the command mix, cap of the order contest")
    Duration duration;

    @Option(
        names = "--phase-duration",
        paramLabel = "D",
        converter = DurationConverter.class,
        defaultValue = "10s",
        description =
            "length of each measured phase after the mix: the baseline pairs, PlaceOrder alone,"
                + " the growth steps' phases")
    Duration phaseDuration;

    @Option(
        names = "--warmup",
        paramLabel = "D",
        converter = DurationConverter.class,
        defaultValue = "3s",
        description =
            "unmeasured command mix before the first scenario, and as long of the four queries"
                + " over gRPC before the queries scenario: a freshly started service spends its"
                + " first minutes compiling, so give it 60s or more for steady figures")
    Duration warmup;

    @Option(
        names = "--read-side",
        paramLabel = "MODE",
        defaultValue = "running",
        description =
            "running or paused: paused freezes the projector and query-service (SIGSTOP) while the"
                + " commands scenario measures, so that the write side has the CPUs to itself")
    ReadSide readSide;

    @Option(
        names = "--json",
        paramLabel = "PATH",
        description =
            "also write the figures as JSON to PATH (\"-\": standard output, the tables then go to"
                + " standard error)")
    String json;

    @Option(names = "--command-target", paramLabel = "H:P", description = "CommandService")
    String commandTarget = "127.0.0.1:50051";

    @Option(names = "--query-target", paramLabel = "H:P", description = "QueryService")
    String queryTarget = "127.0.0.1:50052";

    @Option(
        names = "--command-metrics",
        paramLabel = "URL",
        description = "command-service metrics")
    URI commandMetrics = URI.create("http://127.0.0.1:9091/metrics");

    @Option(names = "--projector-metrics", paramLabel = "URL", description = "projector metrics")
    URI projectorMetrics = URI.create("http://127.0.0.1:9093/metrics");

    @Option(
        names = "--hot-products",
        paramLabel = "N",
        description = "products the order contest fights over")
    int hotProducts = 3;

    @Option(
        names = "--hot-stock",
        paramLabel = "N",
        description = "starting stock of each contested product")
    int hotStock = 1000;

    @Option(
        names = "--samples",
        paramLabel = "N",
        description = "writes measured per freshness method")
    int samples = 30;

    @Option(names = "--burst", paramLabel = "N", description = "commands in the pipeline burst")
    int burst = 2000;

    @Option(
        names = "--backlog",
        paramLabel = "N",
        description = "events the projector works off after being frozen")
    int backlog = 10_000;

    @Option(
        names = "--bulk-size",
        paramLabel = "N",
        description = "documents per raw _bulk request (as the projector)")
    int bulkSize = 500;

    @Option(
        names = "--rebuild-events",
        paramLabel = "N",
        description =
            "product events the rebuild scenario rebuilds from at least; it adds stock adjustments"
                + " until the stream holds them")
    int rebuildEvents = 100_000;

    @Option(
        names = "--growth-sizes",
        paramLabel = "N,N",
        description =
            "the growth scenario's sizes, in aggregates this run creates through CommandService")
    String growthSizes = "10000,100000";

    @Option(
        names = "--db-url",
        paramLabel = "URL",
        description = "the write database, for the raw JDBC baseline")
    String dbUrl = "jdbc:postgresql://127.0.0.1:5432/cqrsshop";

    @Option(
        names = "--db-user",
        paramLabel = "U",
        description = "a role that may create the baseline's scratch schema: the schema owner")
    String dbUser = "cqrsshop_owner";

    @Option(names = "--db-password", paramLabel = "P")
    String dbPassword = "cqrsshop_owner";

    @Option(
        names = "--elasticsearch",
        paramLabel = "URL",
        description = "for the raw Elasticsearch baselines")
    URI elasticsearch = URI.create("http://127.0.0.1:9200");

    @Option(names = "--index-prefix", paramLabel = "P", description = "the services' INDEX_PREFIX")
    String indexPrefix = "";

    @Option(names = "--nats", paramLabel = "URL", description = "for the raw JetStream baseline")
    String nats = "nats://127.0.0.1:4222";

    @Option(
        names = "--nats-stream",
        paramLabel = "NAME",
        description = "the relay's stream, whose settings the scratch stream copies")
    String natsStream = EventSubjects.DEFAULT_STREAM;

    @Option(
        names = "--nats-consumer",
        paramLabel = "NAME",
        description = "the prefix of the projector's durable consumers")
    String natsConsumer = "projector";

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description = "./dev's state directory with the pid files")
    Path stateDir = Path.of(".dev");

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "this text")
    boolean help;

    BenchOptions options() throws UsageException {
      return new BenchOptions(
          within("--clients", clients, 1, 1024),
          atLeast("--duration", duration, Duration.ofSeconds(1)),
          atLeast("--warmup", warmup, Duration.ZERO),
          atLeast("--phase-duration", phaseDuration, Duration.ofSeconds(1)),
          readSide,
          scenarios(scenario),
          commandTarget,
          queryTarget,
          http("--command-metrics", commandMetrics),
          http("--projector-metrics", projectorMetrics),
          within("--hot-products", hotProducts, 1, 20),
          within("--hot-stock", hotStock, 1, 1_000_000),
          within("--samples", samples, 1, 10_000),
          within("--burst", burst, 1, 1_000_000),
          within("--backlog", backlog, 1, 1_000_000),
          within("--bulk-size", bulkSize, 1, 10_000),
          within("--rebuild-events", rebuildEvents, 1, 10_000_000),
          sizes(growthSizes),
          checked("--db-url", dbUrl, "jdbc:postgresql:.*", "a jdbc:postgresql: URL"),
          dbUser,
          dbPassword,
          http("--elasticsearch", elasticsearch),
          checked(
              "--index-prefix",
              indexPrefix,
              "[a-z0-9][a-z0-9_.-]*|",
              "lower case letters, digits, '_', '.', '-'"),
          nats,
          natsStream,
          natsConsumer,
          stateDir,
          Optional.ofNullable(json));
    }

    private static int within(String flag, int value, int min, int max) throws UsageException {
      if (value < min || value > max) {
        throw new UsageException(
            flag + " must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    }

    private static Duration atLeast(String flag, Duration value, Duration min)
        throws UsageException {
      if (value.compareTo(min) < 0) {
        throw new UsageException(flag + " must be at least " + min.toMillis() + "ms");
      }
      return value;
    }

    private static URI http(String flag, URI value) throws UsageException {
      return URI.create(checked(flag, value.toString(), "https?://.+", "an http(s) URL"));
    }

    private static String checked(String flag, String value, String form, String what)
        throws UsageException {
      if (!value.matches(form)) {
        throw new UsageException(flag + " must be " + what + ", not '" + value + "'");
      }
      return value;
    }

    /** "all", or scenario names separated by commas. */
    private static Set<Scenario> scenarios(String value) throws UsageException {
      Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
      if (value.equals("all")) {
        Arrays.stream(Scenario.values()).filter(Scenario::inAll).forEach(chosen::add);
        return chosen;
      }
      for (String name : value.split(",", -1)) {
        chosen.add(
            Arrays.stream(Scenario.values())
                .filter(s -> s.flagName().equals(name.trim()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UsageException(
                            "--scenario: unknown scenario '"
                                + name
                                + "' (all, "
                                + String.join(
                                    ", ",
                                    Arrays.stream(Scenario.values())
                                        .map(Scenario::flagName)
                                        .toList())
                                + ")")));
      }
      return chosen;
    }

    /** Ascending whole numbers separated by commas: "10000,100000". */
    private static List<Integer> sizes(String value) throws UsageException {
      List<Integer> sizes = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        String digits = part.trim().replace("_", "");
        int size = digits.matches("\\d{1,8}") ? Integer.parseInt(digits) : 0;
        if (size < 1 || size > 10_000_000 || (!sizes.isEmpty() && size <= sizes.getLast())) {
          throw new UsageException(
              "--growth-sizes must be ascending sizes from 1 to 10000000, not '" + value + "'");
        }
        sizes.add(size);
      }
      return sizes;
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
