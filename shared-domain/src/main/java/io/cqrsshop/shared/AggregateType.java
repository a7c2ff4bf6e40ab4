package io.cqrsshop.shared;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of aggregate in the write model; {@link #code()} is their stable wire name. */
public enum AggregateType {
  PRODUCT("product"),
  USER("user"),
  ORDER("order");

  private final String code;

  AggregateType(String code) {
    this.code = code;
  }

  /** Lower-case name used in event subjects, tokens and logs, for example {@code "product"}. */
  public String code() {
    return code;
  }

  public static Optional<AggregateType> fromCode(String code) {
    return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
  }
}
