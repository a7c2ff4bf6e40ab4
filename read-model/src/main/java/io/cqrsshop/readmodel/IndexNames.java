package io.cqrsshop.readmodel;

import java.util.regex.Pattern;

/**
 * Index and alias names under a configurable prefix, so that several environments (or test runs)
 * can share one cluster.
 */
public record IndexNames(String prefix) {

  private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*|");

  public IndexNames {
    if (!VALID_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "index prefix must be lower case letters, digits, '_', '.', '-', was: " + prefix);
    }
  }

  public static boolean isValidPrefix(String prefix) {
    return VALID_PREFIX.matcher(prefix).matches();
  }

  /** The alias that readers and writers use. */
  public String alias(ReadModel model) {
    return prefix + model.baseName();
  }

  /** The physical index behind the alias. */
  public String physicalIndex(ReadModel model) {
    return alias(model) + "_v" + model.version();
  }
}
