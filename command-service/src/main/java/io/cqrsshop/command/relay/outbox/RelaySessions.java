package io.cqrsshop.command.relay.outbox;

import java.time.Duration;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * Unpooled connections for the relay leader's session, set up so that a session cut off silently (a
 * lost node, a network partition: no side sees the connection close) frees its advisory lock within
 * {@code timeout} instead of the two hours of Linux's default TCP keepalive.
 *
 * <p>The server ends the session itself: {@code idle_session_timeout} when no query arrives (the
 * leader queries every poll interval, and touches the session between publish rounds), TCP
 * keepalives and {@code tcp_user_timeout} when the peer stops answering. The client gives up on a
 * silent socket after the same time, so the old leader notices too and cannot mark anything.
 */
public final class RelaySessions {

  private RelaySessions() {}

  public static Jdbi open(
      String url, String user, String password, String applicationName, Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds());
    long probeInterval = Math.max(1, seconds / 6);
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("connectTimeout", Long.toString(Math.min(5, seconds)));
    properties.setProperty("socketTimeout", Long.toString(seconds));
    properties.setProperty(
        "options",
        "-c idle_session_timeout="
            + timeout.toMillis()
            + " -c tcp_keepalives_idle="
            + Math.max(1, seconds / 3)
            + " -c tcp_keepalives_interval="
            + probeInterval
            + " -c tcp_keepalives_count=3"
            + " -c tcp_user_timeout="
            + timeout.toMillis());
    return Jdbi.create(url, properties);
  }
}
