package io.cqrsshop.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  private final String prefix;
  private final Map<String, String> env;
  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> required = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  public EnvReader(String prefix, Map<String, String> env) {
    this.prefix = prefix;
    this.env = Map.copyOf(env);
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

  public Secret secret(String name, String defaultValue) {
    return new Secret(string(name, defaultValue));
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

  private String raw(String name) {
    names.add(prefix + name);
    String value = env.get(prefix + name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
