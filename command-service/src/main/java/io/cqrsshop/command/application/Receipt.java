package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command wrote: the aggregate it addressed at its new version, and every aggregate version
 * it produced (the consistency token covers all of them).
 */
public record Receipt(AggregateVersion written, List<AggregateVersion> writes) {

  public Receipt {
    writes = List.copyOf(writes);
  }

  public static Receipt of(DomainEvent event) {
    return new Receipt(event.aggregate(), List.of(event.aggregate()));
  }

  /** A receipt for {@code main} that also covers {@code others}. */
  public static Receipt of(DomainEvent main, List<? extends DomainEvent> others) {
    List<AggregateVersion> writes = new ArrayList<>();
    writes.add(main.aggregate());
    others.forEach(event -> writes.add(event.aggregate()));
    return new Receipt(main.aggregate(), writes);
  }

  /** The new version of the aggregate the command addressed: every response's {@code version}. */
  public long version() {
    return written.version();
  }

  /** Every response's {@code consistency_token}: what a query waits for to see this command. */
  public String consistencyToken() {
    return new ConsistencyToken(writes).encode();
  }
}
