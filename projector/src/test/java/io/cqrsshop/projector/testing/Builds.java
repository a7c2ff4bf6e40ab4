package io.cqrsshop.projector.testing;

import io.cqrsshop.projector.ProjectorBuild;
import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.ReadModelSchema;
import io.cqrsshop.readmodel.ReadModelSchemas;

/** Projector builds older and newer than this one, as a rolling deployment runs them. */
public final class Builds {

  private Builds() {}

  /** This build with the product catalog at version 2 (the test mapping {@code products-v2}). */
  public static ProjectorBuild productsV2() {
    return new ProjectorBuild(
        ReadModelSchemas.standard().with(ReadModelSchema.of(ReadModel.PRODUCTS, 2)),
        EventProjection.standard());
  }

  /** This build without a read model: an older build, before the read model was added. */
  public static ProjectorBuild without(ReadModel model) {
    return new ProjectorBuild(
        ReadModelSchemas.standard().without(model), EventProjection.standard());
  }

  /**
   * A build from before {@code UserRenamed} existed: its events are of a kind it does not know, as
   * a newer command-service's new kinds are to a projector that is not upgraded yet.
   */
  public static ProjectorBuild beforeUserRenamed() {
    return new ProjectorBuild(
        ReadModelSchemas.standard(),
        EventProjection.standard()
            .without(io.cqrsshop.proto.events.v1.EventEnvelope.EventCase.USER_RENAMED));
  }
}
