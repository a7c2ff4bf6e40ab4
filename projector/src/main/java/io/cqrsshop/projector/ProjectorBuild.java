package io.cqrsshop.projector;

import io.cqrsshop.projector.projection.EventProjection;
import io.cqrsshop.readmodel.ReadModelSchemas;

/**
 * What a projector build knows: the read models it writes, at which versions, and the kinds of
 * event it can project. A deployment runs {@link #current()}; tests run older and newer builds side
 * by side to prove rolling upgrades.
 */
public record ProjectorBuild(ReadModelSchemas schemas, EventProjection projection) {

  public static ProjectorBuild current() {
    return new ProjectorBuild(ReadModelSchemas.standard(), EventProjection.standard());
  }
}
