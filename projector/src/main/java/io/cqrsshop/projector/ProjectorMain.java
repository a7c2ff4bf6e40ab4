package io.cqrsshop.projector;

import io.cqrsshop.runtime.lifecycle.ServiceMain;

/** Runs the projector as a process: configuration from the environment, stop on SIGTERM. */
public final class ProjectorMain {

  private ProjectorMain() {}

  public static void main(String[] args) {
    ServiceMain.run(ProjectorConfig::fromEnv, ProjectorApplication::start);
  }
}
