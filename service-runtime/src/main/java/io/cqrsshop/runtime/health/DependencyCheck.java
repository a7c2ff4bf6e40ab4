package io.cqrsshop.runtime.health;

/** Probes one dependency a service needs to do its job (a database, a broker, a search cluster). */
public interface DependencyCheck {

  /** A call that returns normally when the dependency answers and throws with the cause if not. */
  @FunctionalInterface
  interface Probe {
    void run() throws Exception;
  }

  /** Short name for logs and metrics, for example {@code postgres}. */
  String name();

  /** Returns normally when the dependency answers; throws with the cause when it does not. */
  void check() throws Exception;

  /** A check that needs nothing but a call, such as a client's own health request. */
  static DependencyCheck of(String name, Probe probe) {
    return new DependencyCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() throws Exception {
        probe.run();
      }
    };
  }
}
