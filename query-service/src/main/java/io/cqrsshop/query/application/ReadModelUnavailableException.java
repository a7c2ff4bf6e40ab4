package io.cqrsshop.query.application;

/**
 * The store behind the read models cannot answer right now (unreachable, overloaded). Not a
 * business outcome: it propagates to the API edge, which answers UNAVAILABLE so that clients retry.
 */
public final class ReadModelUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReadModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
