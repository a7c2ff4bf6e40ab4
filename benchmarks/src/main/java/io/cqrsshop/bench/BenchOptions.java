package io.cqrsshop.bench;

import io.cqrsshop.shared.EventSubjects;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one benchmark run does and against which stack, parsed once from the command line.
 *
 * @param clients concurrent callers in the load phases
 * @param duration how long the command mix runs (and the longest the order contest runs)
 * @param warmup how long the command mix runs, unmeasured, before the first measurement, and the
 *     queries before the queries scenario
 * @param phaseDuration how long each measured phase after the mix runs: both sides of a baseline
 *     pair, PlaceOrder alone, the growth steps' phases
 * @param readSide whether the commands scenario freezes the projector and query-service
 * @param hotProducts products the order contest fights over
 * @param hotStock units of stock each contested product starts with
 * @param samples writes measured per freshness method
 * @param burst commands in the pipeline burst
 * @param backlog events the projector works off, frozen until they are published, in the pipeline
 * @param bulkSize documents per raw {@code _bulk} request (the projector's default batch size)
 * @param rebuildEvents product events the stream holds at least before the rebuild scenario
 * @param growthSizes the sizes, in aggregates created by the run, the growth scenario measures at
 * @param stateDir the state directory of {@code ./dev}, where the pid files are
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
  }

  /** The command line help. */
  public static String usage() {
    return """
        Usage: ./dev bench [flags]   (or java -jar benchmarks/target/benchmarks.jar [flags])

          --scenario S            all (default), or one or more of
                                  commands,orders,freshness,queries,pipeline, and rebuild
                                  (only when named: it fills the stream with --rebuild-events)
                                  and growth (only when named: it loads --growth-sizes)
          --clients N             concurrent callers (default 8)
          --duration D            length of the command mix, cap of the order contest (default 20s)
          --phase-duration D      length of each measured phase after the mix: the baseline pairs,
                                  PlaceOrder alone, the growth steps' phases (default 10s)
          --warmup D              unmeasured command mix before the first scenario, and as long
                                  of the four queries over gRPC before the queries scenario
                                  (default 3s): a freshly started service spends its first
                                  minutes compiling, so give it 60s or more for steady figures
          --read-side MODE        running (default) or paused: paused freezes the projector and
                                  query-service (SIGSTOP) while the commands scenario measures,
                                  so that the write side has the CPUs to itself
          --json PATH             also write the figures as JSON to PATH ("-": standard output,
                                  the tables then go to standard error)
          --command-target H:P    CommandService (default 127.0.0.1:50051)
          --query-target H:P      QueryService (default 127.0.0.1:50052)
          --command-metrics URL   command-service metrics (default http://127.0.0.1:9091/metrics)
          --projector-metrics URL projector metrics (default http://127.0.0.1:9093/metrics)
          --hot-products N        products the order contest fights over (default 3)
          --hot-stock N           starting stock of each contested product (default 1000)
          --samples N             writes measured per freshness method (default 30)
          --burst N               commands in the pipeline burst (default 2000)
          --backlog N             events the projector works off after being frozen (default 10000)
          --bulk-size N           documents per raw _bulk request (default 500, as the projector)
          --rebuild-events N      product events the rebuild scenario rebuilds from at least; it
                                  adds stock adjustments until the stream holds them (100000)
          --growth-sizes N,N      the growth scenario's sizes, in aggregates this run creates
                                  through CommandService (default 10000,100000)
          --db-url URL            the write database, for the raw JDBC baseline
                                  (default jdbc:postgresql://127.0.0.1:5432/cqrsshop)
          --db-user U, --db-password P   (default cqrsshop, cqrsshop)
          --elasticsearch URL     for the raw Elasticsearch baselines (default http://127.0.0.1:9200)
          --index-prefix P        the services' INDEX_PREFIX (default none)
          --nats URL              for the raw JetStream baseline (default nats://127.0.0.1:4222)
          --nats-stream NAME      the relay's stream, whose settings the scratch stream copies
                                  (default SHOP_EVENTS)
          --nats-consumer NAME    the prefix of the projector's durable consumers (default projector)
          --state-dir DIR         ./dev's state directory with the pid files (default .dev)
          --help                  this text

        Durations: 20 (seconds), 20s, 500ms, 2m. Flags take their value as --flag value or --flag=value.
        """;
  }

  /** Reads the flags; anything unknown or out of range is a {@link UsageException}. */
  public static BenchOptions parse(List<String> args) throws UsageException {
    Map<String, String> flags = flags(args);
    Flags reader = new Flags(flags);
    BenchOptions options =
        new BenchOptions(
            reader.integer("clients", 8, 1, 1024),
            reader.duration("duration", Duration.ofSeconds(20), Duration.ofSeconds(1)),
            reader.duration("warmup", Duration.ofSeconds(3), Duration.ZERO),
            reader.duration("phase-duration", Duration.ofSeconds(10), Duration.ofSeconds(1)),
            reader.readSide("read-side"),
            reader.scenarios("scenario"),
            reader.text("command-target", "127.0.0.1:50051"),
            reader.text("query-target", "127.0.0.1:50052"),
            reader.uri("command-metrics", "http://127.0.0.1:9091/metrics"),
            reader.uri("projector-metrics", "http://127.0.0.1:9093/metrics"),
            reader.integer("hot-products", 3, 1, 20),
            reader.integer("hot-stock", 1000, 1, 1_000_000),
            reader.integer("samples", 30, 1, 10_000),
            reader.integer("burst", 2000, 1, 1_000_000),
            reader.integer("backlog", 10_000, 1, 1_000_000),
            reader.integer("bulk-size", 500, 1, 10_000),
            reader.integer("rebuild-events", 100_000, 1, 10_000_000),
            reader.sizes("growth-sizes", List.of(10_000, 100_000)),
            reader.jdbcUrl("db-url", "jdbc:postgresql://127.0.0.1:5432/cqrsshop"),
            reader.text("db-user", "cqrsshop"),
            reader.text("db-password", "cqrsshop"),
            reader.uri("elasticsearch", "http://127.0.0.1:9200"),
            reader.indexPrefix("index-prefix"),
            reader.text("nats", "nats://127.0.0.1:4222"),
            reader.text("nats-stream", EventSubjects.DEFAULT_STREAM),
            reader.text("nats-consumer", "projector"),
            Path.of(reader.text("state-dir", ".dev")),
            Optional.ofNullable(reader.text("json", null)));
    reader.rejectUnknown();
    return options;
  }

  private static Map<String, String> flags(List<String> args) throws UsageException {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(2, equals);
        value = arg.substring(equals + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.size()) {
          throw new UsageException("--" + name + " needs a value");
        }
        value = args.get(++i);
      }
      if (flags.put(name, value) != null) {
        throw new UsageException("--" + name + " is given twice");
      }
    }
    return flags;
  }

  /** Typed access to the flags, remembering which were read so leftovers can be reported. */
  private static final class Flags {
    private final Map<String, String> remaining;

    Flags(Map<String, String> flags) {
      this.remaining = new LinkedHashMap<>(flags);
    }

    String text(String name, String fallback) throws UsageException {
      String value = remaining.remove(name);
      if (value == null) {
        return fallback;
      }
      if (value.isBlank()) {
        throw new UsageException("--" + name + " must not be empty");
      }
      return value;
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
      String value = remaining.remove(name);
      if (value == null) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed < min || parsed > max) {
          throw new UsageException(
              "--" + name + " must be between " + min + " and " + max + ", not " + parsed);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
      }
    }

    /** Ascending whole numbers separated by commas: "10000,100000". */
    List<Integer> sizes(String name, List<Integer> fallback) throws UsageException {
      String value = remaining.remove(name);
      if (value == null) {
        return fallback;
      }
      List<Integer> sizes = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        try {
          int size = Integer.parseInt(part.trim().replace("_", ""));
          if (size < 1 || size > 10_000_000 || (!sizes.isEmpty() && size <= sizes.getLast())) {
            throw new UsageException(
                "--" + name + " must be ascending sizes from 1 to 10000000, not '" + value + "'");
          }
          sizes.add(size);
        } catch (NumberFormatException e) {
          throw new UsageException(
              "--" + name + " must be whole numbers separated by commas, not '" + value + "'");
        }
      }
      return List.copyOf(sizes);
    }

    Duration duration(String name, Duration fallback, Duration min) throws UsageException {
      String value = remaining.remove(name);
      if (value == null) {
        return fallback;
      }
      try {
        Duration parsed = DurationFlag.parse(value);
        if (parsed.compareTo(min) < 0) {
          throw new UsageException("--" + name + " must be at least " + min.toMillis() + "ms");
        }
        return parsed;
      } catch (IllegalArgumentException e) {
        throw new UsageException("--" + name + ": " + e.getMessage());
      }
    }

    URI uri(String name, String fallback) throws UsageException {
      String value = text(name, fallback);
      try {
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          throw new UsageException("--" + name + " must be an http(s) URL, not '" + value + "'");
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new UsageException("--" + name + " is not a URL: '" + value + "'");
      }
    }

    ReadSide readSide(String name) throws UsageException {
      String value = text(name, ReadSide.RUNNING.flagName());
      for (ReadSide mode : ReadSide.values()) {
        if (mode.flagName().equals(value)) {
          return mode;
        }
      }
      throw new UsageException("--" + name + " must be running or paused, not '" + value + "'");
    }

    String jdbcUrl(String name, String fallback) throws UsageException {
      String value = text(name, fallback);
      if (!value.startsWith("jdbc:postgresql:")) {
        throw new UsageException("--" + name + " must be a jdbc:postgresql: URL");
      }
      return value;
    }

    String indexPrefix(String name) throws UsageException {
      String value = remaining.remove(name);
      if (value == null) {
        return "";
      }
      if (!value.matches("[a-z0-9][a-z0-9_.-]*|")) {
        throw new UsageException(
            "--"
                + name
                + " must be lower case letters, digits, '_', '.', '-', not '"
                + value
                + "'");
      }
      return value;
    }

    Set<Scenario> scenarios(String name) throws UsageException {
      String value = text(name, "all");
      if (value.equals("all")) {
        Set<Scenario> all = EnumSet.noneOf(Scenario.class);
        for (Scenario scenario : Scenario.values()) {
          if (scenario.inAll()) {
            all.add(scenario);
          }
        }
        return all;
      }
      Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
      for (String part : value.split(",", -1)) {
        chosen.add(scenario(part.trim()));
      }
      return chosen;
    }

    private static Scenario scenario(String name) throws UsageException {
      List<String> known = new ArrayList<>();
      for (Scenario scenario : Scenario.values()) {
        if (scenario.flagName().equals(name)) {
          return scenario;
        }
        known.add(scenario.flagName());
      }
      throw new UsageException(
          "--scenario: unknown scenario '" + name + "' (all, " + String.join(", ", known) + ")");
    }

    void rejectUnknown() throws UsageException {
      if (!remaining.isEmpty()) {
        throw new UsageException("unknown flag --" + remaining.keySet().iterator().next());
      }
    }
  }
}
