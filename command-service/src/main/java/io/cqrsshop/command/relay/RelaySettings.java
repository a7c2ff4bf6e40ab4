package io.cqrsshop.command.relay;

import io.cqrsshop.command.relay.outbox.RelaySessions;
import java.time.Duration;

/**
 * How the relay publishes: to which stream (created with these settings when missing), under which
 * subject prefix, how many events per batch, and how long to wait when there is nothing to do.
 *
 * @param maxAge how long the stream keeps events; zero keeps them forever
 * @param sessionTimeout how soon PostgreSQL ends a leader session that went silent, freeing the
 *     lock for another replica (see {@link RelaySessions})
 * @param stepDownAfter how long a leader may fail to publish before it gives the lock up
 */
public record RelaySettings(
    String stream,
    String subjectPrefix,
    int replicas,
    Duration duplicateWindow,
    Duration maxAge,
    int batchSize,
    Duration pollInterval,
    Duration sessionTimeout,
    Duration stepDownAfter) {}
