package io.cqrsshop.bench;

/**
 * The harness itself could not do its job (a service unreachable, seeding refused, a metric
 * missing), as opposed to slow or rejected calls, which are measured and printed.
 */
public final class HarnessException extends RuntimeException {

  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
