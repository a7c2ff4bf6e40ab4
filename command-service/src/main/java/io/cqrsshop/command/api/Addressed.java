package io.cqrsshop.command.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.UUID;

/**
 * The existing aggregate a command addresses: its id (a field such as {@code product_id}) and the
 * {@code optional int64 expected_version} that every such request of the contract carries. The
 * accessors may only be called once the request passed its checks.
 */
final class Addressed {

  private final Optional<UUID> id;
  private final Optional<ExpectedVersion> expected;

  private Addressed(Optional<UUID> id, Optional<ExpectedVersion> expected) {
    this.id = id;
    this.expected = expected;
  }

  static Addressed parse(Message request, String idField, Violations violations) {
    Optional<UUID> id = Identifiers.parse((String) get(request, idField), idField, violations);
    FieldDescriptor expected = field(request, "expected_version");
    return new Addressed(
        id,
        ExpectedVersion.parse(
            request.hasField(expected),
            (Long) request.getField(expected),
            "expected_version",
            violations));
  }

  UUID id() {
    return id.orElseThrow();
  }

  ExpectedVersion expected() {
    return expected.orElseThrow();
  }

  private static Object get(Message request, String name) {
    return request.getField(field(request, name));
  }

  private static FieldDescriptor field(Message request, String name) {
    FieldDescriptor field = request.getDescriptorForType().findFieldByName(name);
    if (field == null) {
      throw new IllegalArgumentException(
          request.getDescriptorForType().getName() + " has no field " + name);
    }
    return field;
  }
}
