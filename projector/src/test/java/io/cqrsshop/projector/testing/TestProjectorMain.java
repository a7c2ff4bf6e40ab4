package io.cqrsshop.projector.testing;

import io.cqrsshop.projector.ProjectorApplication;
import io.cqrsshop.projector.ProjectorBuild;
import io.cqrsshop.projector.ProjectorConfig;

/**
 * A projector process of a chosen build, for tests that kill one: {@code TEST_PROJECTOR_BUILD} is
 * {@code current} or {@code products-v2}.
 */
public final class TestProjectorMain {

  public static final String BUILD = "TEST_PROJECTOR_BUILD";

  private TestProjectorMain() {}

  public static void main(String[] args) {
    ProjectorBuild build =
        "products-v2".equals(System.getenv(BUILD)) ? Builds.productsV2() : ProjectorBuild.current();
    ProjectorApplication.start(ProjectorConfig.fromEnv(System.getenv()), build)
        .shutdownOnSignal()
        .awaitTermination();
  }
}
