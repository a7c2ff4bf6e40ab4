package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderEvent;
import io.cqrsshop.command.domain.order.OrderRejections;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.ProductRejections;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.command.domain.user.UserRejections;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The use cases that change one existing aggregate, which all have one shape: in one idempotent
 * transaction, lock the aggregate (NOT_FOUND when there is none), let the aggregate decide, store
 * its new state and append the event. What differs is the decision, a method of the aggregate,
 * which is where the business rule lives; commands that touch several aggregates (placing or
 * cancelling an order) have use cases of their own.
 */
public final class AggregateChanges {

  /** What a command asks of the aggregate: the event it leads to, or the rejection. */
  @FunctionalInterface
  public interface Decision<A, E> {
    Outcome<E> decide(A aggregate, Instant now);
  }

  private final IdempotentCommands commands;

  public AggregateChanges(IdempotentCommands commands) {
    this.commands = commands;
  }

  /** A new product; a SKU that another product has is refused. */
  public Outcome<Receipt> newProduct(
      CommandContext context, Function<Instant, ProductEvent.Created> create) {
    return add(
        context,
        create,
        (model, created) ->
            model.products().add(created.product())
                ? Optional.empty()
                : Optional.of(ProductRejections.skuTaken(created.product().sku())));
  }

  /** A new user; an address that a live user has is refused. */
  public Outcome<Receipt> newUser(
      CommandContext context, Function<Instant, UserEvent.Created> create) {
    return add(
        context,
        create,
        (model, created) ->
            model.users().add(created.user())
                ? Optional.empty()
                : Optional.of(UserRejections.emailInUse(created.user().email())));
  }

  public <E extends ProductEvent> Outcome<Receipt> product(
      CommandContext context, UUID productId, Decision<Product, E> decision) {
    return product(context, productId, decision, Receipt.class, Receipt::of);
  }

  /** A product change whose result says more than the receipt, for example the stock after it. */
  public <E extends ProductEvent, R> Outcome<R> product(
      CommandContext context,
      UUID productId,
      Decision<Product, E> decision,
      Class<R> resultType,
      Function<E, R> result) {
    return change(
        context,
        resultType,
        model -> model.products().lock(productId),
        () -> ProductRejections.notFound(productId),
        decision,
        (model, event) -> {
          model.products().update(List.of(event.product()));
          return Optional.empty();
        },
        result);
  }

  /** A user change; a new address that another live user has meanwhile is refused. */
  public <E extends UserEvent> Outcome<Receipt> user(
      CommandContext context, UUID userId, Decision<User, E> decision) {
    return change(
        context,
        Receipt.class,
        model -> model.users().lock(userId),
        () -> UserRejections.notFound(userId),
        decision,
        (model, event) ->
            model.users().update(event.user())
                ? Optional.empty()
                : Optional.of(UserRejections.emailInUse(event.user().email())),
        Receipt::of);
  }

  /** An order change that touches no other aggregate (cancelling returns stock: not this one). */
  public <E extends OrderEvent> Outcome<Receipt> order(
      CommandContext context, UUID orderId, Decision<Order, E> decision) {
    return change(
        context,
        Receipt.class,
        model -> model.orders().lock(orderId),
        () -> OrderRejections.notFound(orderId),
        decision,
        (model, event) -> {
          model.orders().update(event.order());
          return Optional.empty();
        },
        Receipt::of);
  }

  private <E extends DomainEvent> Outcome<Receipt> add(
      CommandContext context,
      Function<Instant, E> create,
      BiFunction<WriteModel, E, Optional<Rejection>> store) {
    return commands.run(
        context,
        Receipt.class,
        (model, now) -> stored(model, context, create.apply(now), store, Receipt::of));
  }

  private <A, E extends DomainEvent, R> Outcome<R> change(
      CommandContext context,
      Class<R> resultType,
      Function<WriteModel, Optional<A>> lock,
      Supplier<Rejection> missing,
      Decision<A, E> decision,
      BiFunction<WriteModel, E, Optional<Rejection>> store,
      Function<E, R> result) {
    return commands.run(
        context,
        resultType,
        (model, now) ->
            lock.apply(model)
                .map(aggregate -> decision.decide(aggregate, now))
                .orElseGet(() -> Outcome.rejected(missing.get()))
                .flatMap(event -> stored(model, context, event, store, result)));
  }

  /** Stores the aggregate's new state and appends its event, unless the store refuses it. */
  private static <E extends DomainEvent, R> Outcome<R> stored(
      WriteModel model,
      CommandContext context,
      E event,
      BiFunction<WriteModel, E, Optional<Rejection>> store,
      Function<E, R> result) {
    Optional<Rejection> refused = store.apply(model, event);
    if (refused.isPresent()) {
      // The transaction is rolled back: nothing of the command remains.
      return Outcome.rejected(refused.get());
    }
    model.events().append(List.of(event), context);
    return Outcome.success(result.apply(event));
  }
}
