package io.cqrsshop.projector.application;

import io.cqrsshop.readmodel.ReadModel;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which read models this projector leaves to a newer one: those whose alias already points at a
 * version newer than the one this projector writes (during a rolling deployment, or after a
 * rollback). Their events are handed back so that a newer projector applies them, instead of being
 * written here in an outdated shape. Kept current by {@link ReadModelLifecycle}.
 */
public final class ReadModelRouting {

  private final AtomicReference<Set<ReadModel>> leftToNewer =
      new AtomicReference<>(EnumSet.noneOf(ReadModel.class));

  public boolean leftToNewer(ReadModel model) {
    return leftToNewer.get().contains(model);
  }

  void leaveToNewer(Set<ReadModel> models) {
    leftToNewer.set(models.isEmpty() ? EnumSet.noneOf(ReadModel.class) : EnumSet.copyOf(models));
  }
}
