package io.cqrsshop.query;

import io.cqrsshop.runtime.lifecycle.ServiceMain;

/** Runs query-service as a process: configuration from the environment, stop on SIGTERM. */
public final class QueryServiceMain {

  private QueryServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(QueryServiceConfig::fromEnv, QueryServiceApplication::start);
  }
}
