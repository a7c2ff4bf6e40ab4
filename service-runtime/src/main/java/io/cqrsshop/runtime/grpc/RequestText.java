package io.cqrsshop.runtime.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import io.cqrsshop.shared.ClientText;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@link ClientText} to every string of a request, nested messages and repeated fields
 * included, so that no field (and no field added later) escapes the rule. Violations name the
 * field's path, for example {@code lines[2].product_id} or {@code update_mask.paths[0]}.
 */
public final class RequestText {

  private final Set<FieldDescriptor> freeText;

  /**
   * @param freeText the fields that hold prose and so also accept tab, line feed and carriage
   *     return
   */
  public RequestText(Set<FieldDescriptor> freeText) {
    this.freeText = Set.copyOf(freeText);
  }

  /** Records a violation for every string field of {@code request} that breaks the rule. */
  public void check(MessageOrBuilder request, Violations violations) {
    check(request, "", violations);
  }

  private void check(MessageOrBuilder message, String prefix, Violations violations) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String path = prefix + field.getName();
      if (field.isRepeated()) {
        List<?> values = (List<?>) entry.getValue();
        for (int i = 0; i < values.size(); i++) {
          value(field, values.get(i), path + "[" + i + "]", violations);
        }
      } else {
        value(field, entry.getValue(), path, violations);
      }
    }
  }

  private void value(FieldDescriptor field, Object value, String path, Violations violations) {
    if (value instanceof String text) {
      ClientText.Kind kind =
          freeText.contains(field) ? ClientText.Kind.FREE_TEXT : ClientText.Kind.LINE;
      ClientText.problem(text, kind).ifPresent(problem -> violations.add(path, problem));
    } else if (value instanceof MessageOrBuilder nested) {
      check(nested, path + ".", violations);
    }
  }
}
