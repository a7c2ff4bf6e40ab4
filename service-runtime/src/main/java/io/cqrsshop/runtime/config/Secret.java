package io.cqrsshop.runtime.config;

/** A configuration value that must never appear in logs, such as a password. */
public record Secret(String value) {

  @Override
  public String toString() {
    return value.isEmpty() ? "(empty)" : "****";
  }
}
