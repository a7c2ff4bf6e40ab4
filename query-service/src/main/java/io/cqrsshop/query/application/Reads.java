package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The shapes every query has, so that an RPC needs a read of its read model and no use case of its
 * own: wait until the read model shows the caller's writes ({@link ReadYourWrites}), then read. A
 * search (a query, count or aggregation) waits for the next index refresh to show the writes; a
 * look-up by id reads in real time, and its wait repeats only that read.
 */
public final class Reads {

  /** A query of the read models, answered with the consistency the caller asked for. */
  @FunctionalInterface
  public interface Query<A, R> {
    Outcome<R> answer(A argument, ReadConsistency consistency);
  }

  private final ReadYourWrites readYourWrites;

  public Reads(ReadYourWrites readYourWrites) {
    this.readYourWrites = readYourWrites;
  }

  /** A search of the model, run once searches see the caller's writes. */
  public <A, R> Query<A, R> search(ReadModel model, Function<A, R> read) {
    return (argument, consistency) ->
        readYourWrites
            .await(model, Visibility.SEARCH, consistency)
            .map(ready -> read.apply(argument));
  }

  /** A search for at most one document; {@code missing} says why there is none. */
  public <A, T> Query<A, T> searchOne(
      ReadModel model, Function<A, Optional<T>> read, Function<A, Rejection> missing) {
    Query<A, Optional<T>> search = search(model, read);
    return (argument, consistency) ->
        search
            .answer(argument, consistency)
            .flatMap(found -> present(found, () -> missing.apply(argument)));
  }

  /**
   * One document by id, read in real time once it reflects the caller's writes.
   *
   * @param versionOf the aggregate version a document reflects
   * @param shown whether a document found is an answer (a tombstone reflects writes, but is none)
   * @param missing why there is no answer
   */
  public <T> Query<String, T> lookUp(
      ReadModel model,
      Function<String, Optional<T>> find,
      ToLongFunction<T> versionOf,
      Predicate<T> shown,
      Function<String, Rejection> missing) {
    return (id, consistency) ->
        readYourWrites
            .lookUp(model, id, consistency, () -> find.apply(id), versionOf)
            .flatMap(found -> present(found.filter(shown), () -> missing.apply(id)));
  }

  private static <T> Outcome<T> present(Optional<T> found, Supplier<Rejection> missing) {
    return found.map(Outcome::success).orElseGet(() -> Outcome.rejected(missing.get()));
  }
}
