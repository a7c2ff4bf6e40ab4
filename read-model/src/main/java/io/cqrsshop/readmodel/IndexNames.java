package io.cqrsshop.readmodel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Index and alias names under a configurable prefix, so that several environments (or test runs)
 * can share one cluster.
 */
public record IndexNames(String prefix) {

  /** What a prefix may hold, in words for an error message. */
  public static final String PREFIX_RULE = "lower case letters, digits, '_', '.', '-'";

  private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*|");
  private static final Pattern PHYSICAL_SUFFIX = Pattern.compile("_v(\\d{1,6})(?:_r(\\d{1,6}))?");

  public IndexNames {
    if (!VALID_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "index prefix must be " + PREFIX_RULE + ", was: " + prefix);
    }
  }

  public static boolean isValidPrefix(String prefix) {
    return VALID_PREFIX.matcher(prefix).matches();
  }

  /** The alias that readers and writers use. */
  public String alias(ReadModel model) {
    return prefix + model.baseName();
  }

  /** The first physical index of the code's current version. */
  public String physicalIndex(ReadModel model) {
    return physicalIndex(model, model.version(), 0);
  }

  /**
   * A physical index behind the alias: {@code <alias>_v<version>}, and {@code _r<generation>} for a
   * later rebuild of the same version.
   */
  public String physicalIndex(ReadModel model, int version, int generation) {
    return alias(model) + "_v" + version + (generation == 0 ? "" : "_r" + generation);
  }

  /**
   * The alias that marks a physical index as live: complete, and kept current by the projectors of
   * its version, which write through it. Each live index has one of its own, so that a write to an
   * index that was deleted fails (the alias went with it) instead of creating a new index with
   * guessed mappings.
   */
  public String liveAlias(String physicalIndex) {
    return physicalIndex + "-live";
  }

  /**
   * The durable consumer of the event stream that feeds a physical index: its progress belongs to
   * that index alone, so builds of different versions never share (or hand back) work.
   */
  public static String consumer(String consumerPrefix, String physicalIndex) {
    // JetStream durable names may not contain '.'; index names may.
    return consumerPrefix + "_" + physicalIndex.replace('.', '_');
  }

  /** A wildcard that matches every physical index of a read model. */
  public String physicalPattern(ReadModel model) {
    return alias(model) + "_v*";
  }

  /** Which version and rebuild of a read model a physical index holds; empty if it is none. */
  public Optional<IndexVersion> parse(ReadModel model, String index) {
    String alias = alias(model);
    if (!index.startsWith(alias)) {
      return Optional.empty();
    }
    Matcher matcher = PHYSICAL_SUFFIX.matcher(index.substring(alias.length()));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int generation = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
    return Optional.of(new IndexVersion(Integer.parseInt(matcher.group(1)), generation));
  }

  /** The projector's record of rebuilds, their owners and progress. */
  public String rebuilds() {
    return prefix + "projector_rebuilds";
  }

  /** Events the projector could not apply, kept for inspection and replay. */
  public String parkedEvents() {
    return prefix + "projector_parked_events";
  }

  /** A version and rebuild generation, as encoded in a physical index name. */
  public record IndexVersion(int version, int generation) {}
}
