package io.cqrsshop.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service's prefixed environment variables once, at start-up.
 *
 * <p>Every getter returns a usable value (the default when the variable is unset or blank) and
 * remembers what was wrong; {@link #validate()} then fails with every problem at once, naming the
 * variables, so an operator fixes them in one go. {@link #names()} lists every variable read, which
 * lets tests check deployment manifests against what the service understands.
 */
public final class EnvReader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  // JetStream names: no whitespace, dots or wildcards; subject tokens: no wildcards or empties.
  private static final Pattern NATS_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern SUBJECT_PREFIX =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  // No user info in URLs: configurations and connection logs print URLs, so credentials come only
  // through the variables read as secrets.
  private static final Pattern NATS_URL =
      Pattern.compile("(nats|tls)://[^@\\s,]+(,(nats|tls)://[^@\\s,]+)*");
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^/@\\s]+/?");
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("[?&](password|sslpassword)=", Pattern.CASE_INSENSITIVE);
  private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

  private final String prefix;
  private final Map<String, String> env;
  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> required = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  public EnvReader(String prefix, Map<String, String> env) {
    this.prefix = prefix;
    this.env = Map.copyOf(env);
  }

  /**
   * A configuration read once: {@code read} takes every value (and records what is wrong with
   * them), then this fails with every problem at once.
   */
  public static <C> C parse(String prefix, Map<String, String> env, Function<EnvReader, C> read) {
    EnvReader reader = new EnvReader(prefix, env);
    C config = read.apply(reader);
    reader.validate();
    return config;
  }

  /**
   * Every variable {@code read} reads, with its prefix (deployment manifests are checked on it).
   */
  public static Set<String> variables(String prefix, Function<EnvReader, ?> read) {
    EnvReader reader = new EnvReader(prefix, Map.of());
    read.apply(reader);
    return Set.copyOf(reader.names);
  }

  public String string(String name, String defaultValue) {
    String raw = raw(name);
    return raw == null ? defaultValue : raw;
  }

  public String requiredString(String name) {
    required.add(prefix + name);
    String raw = raw(name);
    if (raw == null) {
      problems.add(prefix + name + " is required");
      return "";
    }
    return raw;
  }

  /** A string that must pass {@code valid}; otherwise a problem "NAME must be {@code expected}". */
  public String string(String name, String defaultValue, Predicate<String> valid, String expected) {
    String value = string(name, defaultValue);
    if (!valid.test(value)) {
      problems.add(prefix + name + " must be " + expected);
    }
    return value;
  }

  /** A log level (trace, debug, info, warn or error, in any case), as given. */
  public String logLevel(String name, String defaultValue) {
    return string(
        name,
        defaultValue,
        level -> LOG_LEVELS.contains(level.toLowerCase(Locale.ROOT)),
        "one of " + LOG_LEVELS);
  }

  /** The {@code nats://} or {@code tls://} URLs of NATS servers, comma-separated. */
  public String natsUrl(String name, String defaultValue) {
    return string(
        name,
        defaultValue,
        url -> NATS_URL.matcher(url).matches(),
        "nats:// or tls:// URLs, comma-separated, without credentials (they go in "
            + prefix
            + "NATS_USER and _PASSWORD, or _CREDS_FILE)");
  }

  /** A JetStream stream or consumer name. */
  public String natsName(String name, String defaultValue) {
    return string(
        name,
        defaultValue,
        value -> NATS_NAME.matcher(value).matches(),
        "a name of letters, digits, '_' and '-'");
  }

  /** The dotted tokens every event subject starts with, without wildcards. */
  public String subjectPrefix(String name, String defaultValue) {
    return string(
        name,
        defaultValue,
        value -> SUBJECT_PREFIX.matcher(value).matches(),
        "dot-separated tokens without wildcards");
  }

  /** A PostgreSQL JDBC URL. */
  public String postgresUrl(String name, String defaultValue) {
    return string(
        name,
        defaultValue,
        url -> url.startsWith("jdbc:postgresql:") && !PASSWORD_PARAMETER.matcher(url).find(),
        "a jdbc:postgresql: URL without a password (it goes in " + prefix + "DB_PASSWORD)");
  }

  /** The base URL of an HTTP server: scheme, host and port, no path and no credentials. */
  public String httpUrl(String name, String defaultValue) {
    return string(
        name,
        defaultValue,
        url -> HTTP_URL.matcher(url).matches(),
        "an http(s)://host:port URL without credentials");
  }

  /**
   * Basic-auth credentials; none by default. A user without a password, or the reverse, is wrong.
   */
  public Credentials credentials(String userName, String passwordName) {
    String user = string(userName, "");
    Secret password = secret(passwordName, "");
    if (user.isEmpty() != password.value().isEmpty()) {
      problems.add(
          prefix
              + userName
              + " and "
              + prefix
              + passwordName
              + " go together: set both or neither");
    }
    return new Credentials(user.isEmpty() ? Optional.empty() : Optional.of(user), password);
  }

  /** A user and its password, for example for Elasticsearch with security on. */
  public record Credentials(Optional<String> user, Secret password) {}

  /**
   * A secret given directly in {@code name}, or in the file that {@code name_FILE} names (a mounted
   * Kubernetes Secret, say, so that the value is in no process environment); setting both is a
   * problem, and so is a file that cannot be read.
   */
  public Secret secret(String name, String defaultValue) {
    String direct = raw(name);
    String file = raw(name + "_FILE");
    if (file == null) {
      return new Secret(direct == null ? defaultValue : direct);
    }
    if (direct != null) {
      problems.add(prefix + name + " and " + prefix + name + "_FILE exclude each other");
      return new Secret(direct);
    }
    try {
      return new Secret(java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip());
    } catch (java.io.IOException | RuntimeException e) {
      problems.add(prefix + name + "_FILE=" + file + " cannot be read: " + e);
      return new Secret(defaultValue);
    }
  }

  public int integer(String name, int defaultValue, int min, int max) {
    return (int) longValue(name, defaultValue, min, max);
  }

  public long longValue(String name, long defaultValue, long min, long max) {
    String raw = raw(name);
    if (raw == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(raw);
      if (value < min || value > max) {
        problems.add(prefix + name + "=" + raw + " must be between " + min + " and " + max);
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(prefix + name + "=" + raw + " is not a whole number");
      return defaultValue;
    }
  }

  /**
   * Accepts {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code
   * PT5S}).
   */
  public Duration duration(String name, Duration defaultValue) {
    String raw = raw(name);
    if (raw == null) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(raw);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(raw);
    } catch (DateTimeParseException e) {
      problems.add(prefix + name + "=" + raw + " is not a duration such as 500ms, 5s, 2m or 7d");
      return defaultValue;
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    String raw = raw(name);
    if (raw == null) {
      return defaultValue;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problems.add(prefix + name + "=" + raw + " must be true or false");
        yield defaultValue;
      }
    };
  }

  /** One of an enum's constants, case-insensitive. */
  public <E extends Enum<E>> E oneOf(String name, Class<E> type, E defaultValue) {
    String raw = raw(name);
    if (raw == null) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    problems.add(prefix + name + "=" + raw + " must be one of " + allowed);
    return defaultValue;
  }

  /** The prefix of every variable read, such as {@code COMMAND_}; for messages of problems. */
  public String prefix() {
    return prefix;
  }

  /** Records a problem found by a cross-field check of the caller. */
  public void problem(String description) {
    problems.add(description);
  }

  /** Fails with every problem found so far. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Every variable read so far, with its prefix. */
  public Set<String> names() {
    return Collections.unmodifiableSet(names);
  }

  /** The variables that have no default. */
  public Set<String> requiredNames() {
    return Collections.unmodifiableSet(required);
  }

  /**
   * The variables of a standard outside this service's prefix (such as OpenTelemetry's {@code
   * OTEL_*}), unchecked: the library that defines them reads and validates them.
   */
  public Map<String, String> unprefixed(String standardPrefix) {
    Map<String, String> matching = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(standardPrefix) && !value.isBlank()) {
            matching.put(name, value.trim());
          }
        });
    return Collections.unmodifiableMap(matching);
  }

  private String raw(String name) {
    names.add(prefix + name);
    String value = env.get(prefix + name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
