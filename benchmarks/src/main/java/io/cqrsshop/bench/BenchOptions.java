package io.cqrsshop.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run does and against which stack, parsed once from the command line.
 *
 * @param clients concurrent callers in the load phases
 * @param duration how long the command mix runs (and the longest the order contest runs)
 * @param warmup how long the command mix runs, unmeasured, before the first measurement
 * @param hotProducts products the order contest fights over
 * @param hotStock units of stock each contested product starts with
 * @param samples writes measured per freshness method
 * @param burst commands in the pipeline burst
 */
public record BenchOptions(
    int clients,
    Duration duration,
    Duration warmup,
    Set<Scenario> scenarios,
    String commandTarget,
    String queryTarget,
    URI commandMetrics,
    URI projectorMetrics,
    int hotProducts,
    long hotStock,
    int samples,
    int burst) {

  public BenchOptions {
    scenarios = Set.copyOf(scenarios);
  }

  /** The command line help. */
  public static String usage() {
    return """
        Usage: ./dev bench [flags]   (or java -jar benchmarks/target/benchmarks.jar [flags])

          --scenario S            all (default), or one or more of commands,orders,freshness,pipeline
          --clients N             concurrent callers (default 8)
          --duration D            length of the command mix, cap of the order contest (default 20s)
          --warmup D              unmeasured command mix before the first scenario (default 3s)
          --command-target H:P    CommandService (default 127.0.0.1:50051)
          --query-target H:P      QueryService (default 127.0.0.1:50052)
          --command-metrics URL   command-service metrics (default http://127.0.0.1:9091/metrics)
          --projector-metrics URL projector metrics (default http://127.0.0.1:9093/metrics)
          --hot-products N        products the order contest fights over (default 3)
          --hot-stock N           starting stock of each contested product (default 1000)
          --samples N             writes measured per freshness method (default 30)
          --burst N               commands in the pipeline burst (default 2000)
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
            reader.scenarios("scenario"),
            reader.text("command-target", "127.0.0.1:50051"),
            reader.text("query-target", "127.0.0.1:50052"),
            reader.uri("command-metrics", "http://127.0.0.1:9091/metrics"),
            reader.uri("projector-metrics", "http://127.0.0.1:9093/metrics"),
            reader.integer("hot-products", 3, 1, 20),
            reader.integer("hot-stock", 1000, 1, 1_000_000),
            reader.integer("samples", 30, 1, 10_000),
            reader.integer("burst", 2000, 1, 1_000_000));
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

    Set<Scenario> scenarios(String name) throws UsageException {
      String value = text(name, "all");
      if (value.equals("all")) {
        return EnumSet.allOf(Scenario.class);
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
