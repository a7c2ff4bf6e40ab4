package io.cqrsshop.command.relay.outbox;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica's relay publishes: the one whose session holds a PostgreSQL advisory lock.
 *
 * <p>The lock lives on a dedicated connection, outside the command pool, and the leader reads and
 * marks events on that same connection: if the session dies, the lock goes with it and the old
 * leader cannot mark anything, while a follower takes the lock over. Advisory locks are scoped to
 * the database, so each write model has its own leader.
 */
public final class RelayLeadership implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

  /** The advisory lock id: "cqrsRela" in ASCII, unlikely to collide with anything else. */
  private static final long LOCK_KEY = 0x6371727352656c61L;

  private final Jdbi sessions;
  private Handle session;
  private boolean leader;

  /**
   * @param sessions opens unpooled connections, one of which becomes this relay's session
   */
  public RelayLeadership(Jdbi sessions) {
    this.sessions = sessions;
  }

  /** Tries once to take the lock; true when this relay now leads. */
  public synchronized boolean tryAcquire() {
    if (leader) {
      return true;
    }
    if (session == null) {
      session = sessions.open();
    }
    leader =
        session
            .createQuery("SELECT pg_try_advisory_lock(:key)")
            .bind("key", LOCK_KEY)
            .mapTo(Boolean.class)
            .one();
    return leader;
  }

  public synchronized boolean isLeader() {
    return leader;
  }

  /** The leader's session; the lock is valid exactly as long as it is. */
  public synchronized Handle session() {
    if (!leader) {
      throw new IllegalStateException("not the relay leader");
    }
    return session;
  }

  /**
   * Shows PostgreSQL that the leader is alive while it waits on NATS, so that the server's idle
   * timeout (see {@link RelaySessions}) only ends sessions that really went silent.
   */
  public synchronized void keepAlive() {
    session().createQuery("SELECT 1").mapTo(Integer.class).one();
  }

  /** Gives the lock up at once, so that another replica can take over without waiting. */
  public synchronized void release() {
    if (leader) {
      try {
        session
            .createQuery("SELECT pg_advisory_unlock(:key)")
            .bind("key", LOCK_KEY)
            .mapTo(Boolean.class)
            .one();
      } catch (RuntimeException e) {
        log.debug("could not unlock; closing the session releases the lock anyway", e);
      }
    }
    lost();
  }

  /** Forgets the session after a failure on it; closing it ends the lock if it still existed. */
  public synchronized void lost() {
    leader = false;
    if (session != null) {
      try {
        session.close();
      } catch (RuntimeException e) {
        log.debug("closing a failed relay session", e);
      }
      session = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
