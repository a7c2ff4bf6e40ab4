package io.cqrsshop.bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique names for everything one run creates, so that runs never collide with each other or with
 * earlier data: request ids, SKUs, email addresses and a word that names this run's products.
 */
public final class RunNames {

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private final String run;
  private final AtomicLong sequence = new AtomicLong();

  private RunNames(String run) {
    this.run = run;
  }

  public static RunNames random() {
    StringBuilder run = new StringBuilder("bench");
    for (int i = 0; i < 6; i++) {
      run.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return new RunNames(run.toString());
  }

  /** One word, in every product name of this run, that a text search can find. */
  public String run() {
    return run;
  }

  /** A request id never used before: each command is a new command, not a retry. */
  public String requestId() {
    return run + "-" + UUID.randomUUID();
  }

  public String sku(String kind) {
    return run + "-" + kind + "-" + sequence.incrementAndGet();
  }

  public String email() {
    return run + "." + sequence.incrementAndGet() + "@example.com";
  }
}
