package io.cqrsshop.query.infrastructure;

import io.cqrsshop.query.application.watch.Watches;
import io.cqrsshop.readmodel.ChangeNotice;
import io.cqrsshop.runtime.nats.NatsConnector;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;

/**
 * Hears the projectors' change announcements ({@link ChangeNotice}, core NATS) and hands them to
 * the watches. Every query-service replica hears every announcement, so any replica can serve any
 * watch. Announcements sent while this replica was disconnected are lost: each (re)connection
 * re-checks every watch.
 */
public final class NatsChangeFeed {

  private final NatsConnector nats;
  private final String subjectPrefix;
  private final Watches watches;
  private Dispatcher dispatcher;

  public NatsChangeFeed(NatsConnector nats, String subjectPrefix, Watches watches) {
    this.nats = nats;
    this.subjectPrefix = subjectPrefix;
    this.watches = watches;
  }

  public NatsChangeFeed start() {
    nats.whenConnected(this::connected);
    return this;
  }

  private synchronized void connected(Connection connection) {
    if (dispatcher == null) {
      // The client subscribes again by itself after each reconnect.
      dispatcher =
          connection.createDispatcher(
              message ->
                  ChangeNotice.decode(subjectPrefix, message.getSubject(), message.getData())
                      .ifPresent(watches::changed));
      dispatcher.subscribe(subjectPrefix + ".>");
    }
    watches.recheckAll();
  }
}
