package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.runtime.health.DependencyCheck;
import io.cqrsshop.runtime.nats.NatsConnector;

/** Ready only while connected to NATS. */
public final class NatsConnectionCheck implements DependencyCheck {

  private final NatsConnector nats;

  public NatsConnectionCheck(NatsConnector nats) {
    this.nats = nats;
  }

  @Override
  public String name() {
    return "nats";
  }

  @Override
  public void check() throws Exception {
    nats.connected();
  }
}
