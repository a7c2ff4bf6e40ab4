package io.cqrsshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** One {@link RpcStats} per RPC name, listed by name so that reports keep one order. */
public final class StatsBook {

  private final Map<String, RpcStats> byRpc = new TreeMap<>();

  public synchronized RpcStats of(String rpc) {
    return byRpc.computeIfAbsent(rpc, RpcStats::new);
  }

  /** Calls {@code call}, timing it and recording its outcome under {@code rpc}. */
  public <T> Attempt<T> call(String rpc, Supplier<T> call) {
    return Attempt.timed(of(rpc), call);
  }

  public synchronized List<RpcSnapshot> snapshots() {
    List<RpcSnapshot> snapshots = new ArrayList<>();
    byRpc.values().forEach(stats -> snapshots.add(stats.snapshot()));
    return snapshots;
  }
}
