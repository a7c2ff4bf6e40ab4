package io.cqrsshop.shared;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of a command or query: a value, or the {@link Rejection} that explains its absence.
 */
public sealed interface Outcome<T> {

  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  static <T> Outcome<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }

  /** Transforms the value of a success; a rejection passes through unchanged. */
  <R> Outcome<R> map(Function<? super T, ? extends R> mapper);

  /** Continues with a step that may itself be rejected. */
  <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> next);

  /** The successful value. */
  record Success<T>(T value) implements Outcome<T> {
    public Success {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
      return new Success<>(mapper.apply(value));
    }

    @Override
    public <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> next) {
      return next.apply(value);
    }
  }

  /** The rejection. */
  record Rejected<T>(Rejection rejection) implements Outcome<T> {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
      return new Rejected<>(rejection);
    }

    @Override
    public <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> next) {
      return new Rejected<>(rejection);
    }
  }
}
