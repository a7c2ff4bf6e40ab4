package io.cqrsshop.query.api;

import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What a watch of one aggregate follows: its id, and the version a resumed watch has seen already.
 */
record WatchTarget(String id, OptionalLong seen) {

  /** The token of one message: it names the aggregate version the message shows. */
  static String token(AggregateType type, String id, long version) {
    return ConsistencyToken.of(new AggregateVersion(type, UUID.fromString(id), version)).encode();
  }
}
