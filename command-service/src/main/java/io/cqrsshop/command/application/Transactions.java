package io.cqrsshop.command.application;

import io.cqrsshop.shared.Outcome;
import java.util.function.Function;

/**
 * Runs work against the write model in one database transaction: committed when the work succeeds,
 * rolled back when it is refused or throws, so a refused command leaves no trace.
 */
public interface Transactions {

  <R> Outcome<R> inTransaction(Function<WriteModel, Outcome<R>> work);
}
