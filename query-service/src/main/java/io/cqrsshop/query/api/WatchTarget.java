package io.cqrsshop.query.api;

import com.google.protobuf.Message;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What a watch of one aggregate follows: its id, and the version a resumed watch has seen already.
 */
record WatchTarget(String id, OptionalLong seen) {

  /** Checks the request of a watch of one aggregate: its id, resume token and tokens. */
  static Outcome<Checked<WatchTarget>> check(
      Message request,
      AggregateType type,
      String idField,
      String id,
      String resumeToken,
      List<String> consistencyTokens) {
    RequestCheck check = new RequestCheck(request);
    String checkedId = check.id(idField, id);
    OptionalLong seen = check.resumeToken("resume_token", resumeToken, type, checkedId);
    return check.result(
        () -> new WatchTarget(checkedId, seen), check.consistencyTokens(consistencyTokens));
  }

  /** The token of one message: it names the aggregate version the message shows. */
  static String token(AggregateType type, String id, long version) {
    return ConsistencyToken.of(new AggregateVersion(type, UUID.fromString(id), version)).encode();
  }
}
