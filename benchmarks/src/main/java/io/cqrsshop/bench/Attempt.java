package io.cqrsshop.bench;

import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.function.Supplier;

/** The answer to one timed call, or how it failed; a gRPC error is a value here, not a throw. */
public record Attempt<T>(Optional<T> answer, CallOutcome outcome) {

  /** Runs one call, recording its latency and outcome in {@code stats}. */
  public static <T> Attempt<T> timed(RpcStats stats, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T answer = call.get();
      stats.record(System.nanoTime() - start, CallOutcome.OK);
      return new Attempt<>(Optional.of(answer), CallOutcome.OK);
    } catch (StatusRuntimeException failure) {
      CallOutcome outcome = CallOutcome.of(failure);
      stats.record(System.nanoTime() - start, outcome);
      return new Attempt<>(Optional.empty(), outcome);
    }
  }

  public boolean ok() {
    return answer.isPresent();
  }
}
