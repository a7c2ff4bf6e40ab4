package io.cqrsshop.bench;

import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import java.util.ArrayList;
import java.util.List;

/** Reads the consistency tokens CommandService returns and builds the ones queries wait on. */
final class Tokens {

  /** QueryService accepts at most this many tokens per request. */
  static final int MAX_PER_REQUEST = 20;

  /** The most writes a request can wait for. */
  static final int MAX_WRITES = MAX_PER_REQUEST * ConsistencyToken.MAX_WRITES;

  private Tokens() {}

  static List<AggregateVersion> writes(String token) {
    return ConsistencyToken.decode(token)
        .orElseThrow(() -> new HarnessException("CommandService returned an unreadable token"))
        .writes();
  }

  /** Tokens covering {@code writes}: as few as the size limits of a token allow. */
  static List<String> covering(List<AggregateVersion> writes) {
    if (writes.size() > MAX_WRITES) {
      throw new IllegalArgumentException(
          "one request can wait for at most " + MAX_WRITES + " writes, not " + writes.size());
    }
    List<String> tokens = new ArrayList<>();
    for (int from = 0; from < writes.size(); from += ConsistencyToken.MAX_WRITES) {
      int to = Math.min(writes.size(), from + ConsistencyToken.MAX_WRITES);
      tokens.add(new ConsistencyToken(writes.subList(from, to)).encode());
    }
    return tokens;
  }
}
