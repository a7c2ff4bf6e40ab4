package io.cqrsshop.runtime.health;

/** Probes one dependency a service needs to do its job (a database, a broker, a search cluster). */
public interface DependencyCheck {

  /** Short name for logs and metrics, for example {@code postgres}. */
  String name();

  /** Returns normally when the dependency answers; throws with the cause when it does not. */
  void check() throws Exception;
}
