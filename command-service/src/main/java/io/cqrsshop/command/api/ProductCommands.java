package io.cqrsshop.command.api;

import com.google.protobuf.Message;
import io.cqrsshop.command.api.CommandRpc.RequestParser;
import io.cqrsshop.command.application.AggregateChanges;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Receipt;
import io.cqrsshop.command.application.product.StockReceipt;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.domain.product.StockDelta;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.shared.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The product RPCs, one registration each: how the request is checked, what it asks of the product
 * (the domain method is the business rule), and what the response says.
 */
final class ProductCommands {

  private ProductCommands() {}

  static List<CommandRpc<?, ?, ?>> all(IdempotentCommands commands) {
    AggregateChanges changes = new AggregateChanges(commands);
    return List.of(
        create(changes),
        updateDetails(changes),
        changePrice(changes),
        adjustStock(changes),
        discontinue(changes),
        reactivate(changes));
  }

  /** Registers a product under a SKU that no other product has. */
  private static CommandRpc<?, ?, ?> create(AggregateChanges changes) {
    return CommandRpc.of(
            CommandServiceGrpc.getCreateProductMethod(),
            (request, violations) -> {
              Optional<Sku> sku = Sku.parse(request.getSku(), "sku", violations);
              Optional<String> name = ProductDetails.name(request.getName(), "name", violations);
              Optional<String> description =
                  ProductDetails.description(request.getDescription(), "description", violations);
              Optional<String> category =
                  ProductDetails.category(request.getCategory(), "category", violations);
              Optional<Money> price =
                  Fields.price(request.hasPrice(), request.getPrice(), "price", violations);
              Optional<Long> stock =
                  StockDelta.initialStock(request.getInitialStock(), "initial_stock", violations);
              return context ->
                  changes.newProduct(
                      context,
                      now ->
                          Product.create(
                              UUID.randomUUID(),
                              sku.orElseThrow(),
                              new ProductDetails(
                                  name.orElseThrow(),
                                  description.orElseThrow(),
                                  category.orElseThrow()),
                              price.orElseThrow(),
                              stock.orElseThrow(),
                              now));
            },
            (Receipt receipt) ->
                Responses.of(
                    CreateProductResponse.newBuilder()
                        .setProductId(receipt.written().id().toString())
                        .build(),
                    receipt))
        .freeText("description");
  }

  /** Changes the details of an active product that the client named in its update mask. */
  private static CommandRpc<?, ?, ?> updateDetails(AggregateChanges changes) {
    return CommandRpc.of(
            CommandServiceGrpc.getUpdateProductDetailsMethod(),
            (request, violations) -> {
              Addressed product = Addressed.parse(request, "product_id", violations);
              Optional<DetailsUpdate> update = UpdateMasks.detailsUpdate(request, violations);
              return context ->
                  changes.product(
                      context,
                      product.id(),
                      (current, now) ->
                          current.updateDetails(product.expected(), update.orElseThrow(), now));
            })
        .freeText("description");
  }

  /** Sets the price of an active product; orders placed earlier keep the price they captured. */
  private static CommandRpc<?, ?, ?> changePrice(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getChangeProductPriceMethod(),
        (request, violations) -> {
          Addressed product = Addressed.parse(request, "product_id", violations);
          Optional<Money> price =
              Fields.price(request.hasPrice(), request.getPrice(), "price", violations);
          return context ->
              changes.product(
                  context,
                  product.id(),
                  (current, now) ->
                      current.changePrice(product.expected(), price.orElseThrow(), now));
        });
  }

  /**
   * Restocks or corrects a product's stock, never below zero, also once it is discontinued (the
   * units left must stay bookable); the response says the stock after it.
   */
  private static CommandRpc<?, ?, ?> adjustStock(AggregateChanges changes) {
    return CommandRpc.of(
            CommandServiceGrpc.getAdjustProductStockMethod(),
            (request, violations) -> {
              Addressed product = Addressed.parse(request, "product_id", violations);
              Optional<Long> delta = StockDelta.adjustment(request.getDelta(), "delta", violations);
              Optional<String> reason = Text.upTo(request.getReason(), "reason", 200, violations);
              return context ->
                  changes.product(
                      context,
                      product.id(),
                      (current, now) ->
                          current.adjustStock(
                              product.expected(), delta.orElseThrow(), reason.orElseThrow(), now),
                      StockReceipt.class,
                      event -> new StockReceipt(Receipt.of(event), event.product().stock()));
            },
            (StockReceipt receipt) ->
                Responses.of(
                    AdjustProductStockResponse.newBuilder().setStock(receipt.stock()).build(),
                    receipt.receipt()))
        .freeText("reason");
  }

  /** Takes a product off sale. */
  private static CommandRpc<?, ?, ?> discontinue(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getDiscontinueProductMethod(), onProduct(changes, Product::discontinue));
  }

  /** Puts a discontinued product back on sale. */
  private static CommandRpc<?, ?, ?> reactivate(AggregateChanges changes) {
    return CommandRpc.of(
        CommandServiceGrpc.getReactivateProductMethod(), onProduct(changes, Product::reactivate));
  }

  /** What a request that names only the product (and its expected version) asks of it. */
  @FunctionalInterface
  private interface ProductAct<E extends ProductEvent> {
    Outcome<E> apply(Product product, ExpectedVersion expected, Instant now);
  }

  /** The parser of a request that holds nothing but {@code product_id} and the expected version. */
  private static <Q extends Message, E extends ProductEvent> RequestParser<Q, Receipt> onProduct(
      AggregateChanges changes, ProductAct<E> act) {
    return (request, violations) -> {
      Addressed product = Addressed.parse(request, "product_id", violations);
      return context ->
          changes.product(
              context, product.id(), (current, now) -> act.apply(current, product.expected(), now));
    };
  }
}
