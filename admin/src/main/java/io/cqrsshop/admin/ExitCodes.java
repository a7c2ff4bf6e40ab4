package io.cqrsshop.admin;

/** What the tool's exit status means, so scripts and Jobs can act on it. */
public final class ExitCodes {

  /** Done; for the drift check: no drift. */
  public static final int OK = 0;

  /** The operation ran and found a problem: drift, a failed or refused rebuild, events parked. */
  public static final int PROBLEM = 1;

  /** The command line or the configuration is wrong. */
  public static final int USAGE = 2;

  /** A dependency (Elasticsearch, PostgreSQL) could not be reached. */
  public static final int UNAVAILABLE = 3;

  private ExitCodes() {}
}
