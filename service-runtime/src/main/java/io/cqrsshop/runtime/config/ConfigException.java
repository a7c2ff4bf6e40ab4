package io.cqrsshop.runtime.config;

import java.util.List;

/** Thrown at start-up when the environment does not describe a usable configuration. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(List<String> problems) {
    super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
  }
}
