package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.command.application.CommandLog;
import io.cqrsshop.command.application.EventLog;
import io.cqrsshop.command.application.Orders;
import io.cqrsshop.command.application.Products;
import io.cqrsshop.command.application.Transactions;
import io.cqrsshop.command.application.Users;
import io.cqrsshop.command.application.WriteModel;
import io.cqrsshop.shared.Outcome;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Transactions on the write database; a refused outcome rolls back everything it did. */
public final class JdbiTransactions implements Transactions {

  private final Jdbi jdbi;

  public JdbiTransactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <R> Outcome<R> inTransaction(Function<WriteModel, Outcome<R>> work) {
    try (Handle handle = jdbi.open()) {
      handle.begin();
      try {
        DeferredWrites deferred = DeferredWrites.on(handle);
        Outcome<R> outcome = work.apply(new Model(handle, deferred));
        if (outcome instanceof Outcome.Success<R>) {
          deferred.commit();
        } else {
          handle.rollback();
        }
        return outcome;
      } catch (RuntimeException | Error e) {
        try {
          handle.rollback();
        } catch (RuntimeException rollbackFailed) {
          // The connection is most likely gone; the server rolls back on its own.
          e.addSuppressed(rollbackFailed);
        }
        throw e;
      }
    }
  }

  private final class Model implements WriteModel {
    private final Handle handle;
    private final DeferredWrites deferred;

    Model(Handle handle, DeferredWrites deferred) {
      this.handle = handle;
      this.deferred = deferred;
    }

    @Override
    public Products products() {
      return new JdbiProducts(handle, deferred);
    }

    @Override
    public Users users() {
      return new JdbiUsers(handle);
    }

    @Override
    public Orders orders() {
      return new JdbiOrders(handle, deferred);
    }

    @Override
    public EventLog events() {
      return new JdbiEventLog(deferred);
    }

    @Override
    public CommandLog commands() {
      return new JdbiCommandLog(handle, deferred);
    }
  }
}
