package io.cqrsshop.bench;

/** A command line the harness cannot run with; the message says which flag is wrong. */
public final class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }
}
