package io.cqrsshop.runtime.grpc;

import io.cqrsshop.runtime.config.EnvReader;
import java.time.Duration;

/**
 * What one client may hold of a gRPC server, so that no caller can starve the others: calls in
 * flight per connection and per caller, how long a connection may take to set up, live and idle,
 * how often a client may ping, and the size of a request.
 *
 * @param callsPerConnection concurrent calls on one HTTP/2 connection; more wait in the client
 * @param callsPerCaller concurrent calls of one caller (a token's subject, or a peer address
 *     without authentication) over all its connections; more are RESOURCE_EXHAUSTED
 * @param connectionAge after which a connection is closed gracefully (clients reconnect, and load
 *     spreads over new replicas)
 * @param connectionIdle after which a connection without calls is closed
 * @param keepAliveMinInterval the shortest ping interval a client may use; pinging more often gets
 *     the connection closed (GOAWAY too_many_pings)
 * @param maxMessageBytes the largest request; larger ones are RESOURCE_EXHAUSTED
 * @param handshakeTimeout within which a new connection must finish its TLS and HTTP/2 handshake,
 *     or it is closed: a client that opens connections and sends nothing holds each socket no
 *     longer than this (grpc-java's own default is two minutes)
 * @param keepAliveTime how long a connection may be silent before the server pings it; a client
 *     that does not answer within 20 s is gone, and its calls (watches, say) end (grpc-java's own
 *     default is two hours)
 */
public record ServerLimits(
    int callsPerConnection,
    int callsPerCaller,
    Duration connectionAge,
    Duration connectionIdle,
    Duration keepAliveMinInterval,
    int maxMessageBytes,
    Duration handshakeTimeout,
    Duration keepAliveTime) {

  public static ServerLimits defaults() {
    return new ServerLimits(
        100,
        64,
        Duration.ofMinutes(30),
        Duration.ofMinutes(5),
        Duration.ofSeconds(20),
        1 << 20,
        Duration.ofSeconds(10),
        Duration.ofMinutes(1));
  }

  /** Reads {@code GRPC_*} (with the service's prefix); reports bad values to {@code env}. */
  public static ServerLimits read(EnvReader env) {
    ServerLimits defaults = defaults();
    ServerLimits limits =
        new ServerLimits(
            env.integer("GRPC_MAX_CALLS_PER_CONNECTION", defaults.callsPerConnection, 1, 100_000),
            env.integer("GRPC_MAX_CALLS_PER_CALLER", defaults.callsPerCaller, 1, 100_000),
            env.duration("GRPC_MAX_CONNECTION_AGE", defaults.connectionAge),
            env.duration("GRPC_MAX_CONNECTION_IDLE", defaults.connectionIdle),
            env.duration("GRPC_KEEPALIVE_MIN_INTERVAL", defaults.keepAliveMinInterval),
            env.integer("GRPC_MAX_MESSAGE_BYTES", defaults.maxMessageBytes, 1024, 64 << 20),
            env.duration("GRPC_HANDSHAKE_TIMEOUT", defaults.handshakeTimeout),
            env.duration("GRPC_KEEPALIVE_TIME", defaults.keepAliveTime));
    for (var duration :
        java.util.Map.of(
                "GRPC_MAX_CONNECTION_AGE", limits.connectionAge,
                "GRPC_MAX_CONNECTION_IDLE", limits.connectionIdle,
                "GRPC_KEEPALIVE_MIN_INTERVAL", limits.keepAliveMinInterval,
                "GRPC_HANDSHAKE_TIMEOUT", limits.handshakeTimeout,
                "GRPC_KEEPALIVE_TIME", limits.keepAliveTime)
            .entrySet()) {
      if (duration.getValue().toSeconds() < 1) {
        env.problem(env.prefix() + duration.getKey() + " must be at least 1s");
      }
    }
    return limits;
  }
}
