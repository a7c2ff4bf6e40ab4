package io.cqrsshop.query.application;

import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a query must see before it answers: the writes named by the caller's consistency tokens, and
 * how long the caller is willing to wait for them.
 *
 * @param writes the highest version per aggregate over every token
 * @param callerBudget time left before the caller's deadline; empty when it set none
 * @param caller whom a wait counts against in the bound on waits per caller (a token's subject, or
 *     a peer address)
 */
public record ReadConsistency(
    List<AggregateVersion> writes, Optional<Duration> callerBudget, String caller) {

  public static final ReadConsistency NONE =
      new ReadConsistency(List.of(), Optional.empty(), "none");

  public ReadConsistency {
    writes = List.copyOf(writes);
  }

  /** The writes to aggregates of these types. */
  public List<AggregateVersion> writesTo(Set<AggregateType> types) {
    return writes.stream().filter(write -> types.contains(write.type())).toList();
  }
}
