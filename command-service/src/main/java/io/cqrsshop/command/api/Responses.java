package io.cqrsshop.command.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.shared.ConsistencyToken;

/**
 * What every command response carries, from the command's receipt: the aggregate's new {@code
 * version} and the {@code consistency_token} of every write. A repeated command rebuilds the very
 * same response from its stored receipt.
 */
final class Responses {

  private Responses() {}

  /**
   * {@code response} (with the fields particular to its RPC already set, such as a new id) with the
   * receipt's version and consistency token.
   */
  @SuppressWarnings("unchecked") // toBuilder().build() makes a message of the same type
  static <S extends Message> S of(S response, Receipt receipt) {
    Descriptor type = response.getDescriptorForType();
    return (S)
        response.toBuilder()
            .setField(field(type, "version"), receipt.written().version())
            .setField(
                field(type, "consistency_token"), new ConsistencyToken(receipt.writes()).encode())
            .build();
  }

  /** Fails unless {@code type} has the fields every command response has; checked at start-up. */
  static void requireReceiptFields(Descriptor type) {
    field(type, "version");
    field(type, "consistency_token");
  }

  private static FieldDescriptor field(Descriptor type, String name) {
    FieldDescriptor field = type.findFieldByName(name);
    if (field == null) {
      throw new IllegalStateException(type.getName() + " has no field " + name);
    }
    return field;
  }
}
