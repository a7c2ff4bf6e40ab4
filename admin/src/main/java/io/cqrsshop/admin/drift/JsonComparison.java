package io.cqrsshop.admin.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares a document as the projection would write it with the one stored: numbers by value (a
 * stored {@code 5} reads back as an int, a projected one is a long), everything else exactly.
 */
final class JsonComparison {

  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private JsonComparison() {}

  /** The top-level fields whose values differ (absent counts as null). */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> fields = new ArrayList<>();
    java.util.Set<String> names = new java.util.TreeSet<>();
    expected.fieldNames().forEachRemaining(names::add);
    actual.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode want = normalize(expected.get(name));
      JsonNode have = normalize(actual.get(name));
      if (!want.equals(BY_VALUE, have)) {
        fields.add(name);
      }
    }
    return fields;
  }

  private static JsonNode normalize(JsonNode node) {
    return node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
  }
}
