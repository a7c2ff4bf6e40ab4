package io.cqrsshop.command.api;

import io.cqrsshop.command.api.CommandRpc.Work;
import io.cqrsshop.command.application.IdempotentCommands;
import io.cqrsshop.command.application.Transactions;
import io.cqrsshop.command.application.order.CancellingOrder;
import io.cqrsshop.command.application.order.CancellingOrder.CancelOrder;
import io.cqrsshop.command.application.order.PlacingOrder;
import io.cqrsshop.command.application.order.PlacingOrder.PlaceOrder;
import io.cqrsshop.command.application.order.ShippingOrder;
import io.cqrsshop.command.application.order.ShippingOrder.ShipOrder;
import io.cqrsshop.command.application.product.AdjustingProductStock;
import io.cqrsshop.command.application.product.AdjustingProductStock.AdjustProductStock;
import io.cqrsshop.command.application.product.ChangingProductPrice;
import io.cqrsshop.command.application.product.ChangingProductPrice.ChangeProductPrice;
import io.cqrsshop.command.application.product.CreatingProduct;
import io.cqrsshop.command.application.product.CreatingProduct.CreateProduct;
import io.cqrsshop.command.application.product.DiscontinuingProduct;
import io.cqrsshop.command.application.product.DiscontinuingProduct.DiscontinueProduct;
import io.cqrsshop.command.application.product.ReactivatingProduct;
import io.cqrsshop.command.application.product.ReactivatingProduct.ReactivateProduct;
import io.cqrsshop.command.application.product.UpdatingProductDetails;
import io.cqrsshop.command.application.product.UpdatingProductDetails.UpdateProductDetails;
import io.cqrsshop.command.application.user.ChangingUserEmail;
import io.cqrsshop.command.application.user.ChangingUserEmail.ChangeUserEmail;
import io.cqrsshop.command.application.user.CreatingUser;
import io.cqrsshop.command.application.user.CreatingUser.CreateUser;
import io.cqrsshop.command.application.user.DeletingUser;
import io.cqrsshop.command.application.user.DeletingUser.DeleteUser;
import io.cqrsshop.command.application.user.RenamingUser;
import io.cqrsshop.command.application.user.RenamingUser.RenameUser;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Identifiers;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.Text;
import io.cqrsshop.command.domain.order.RequestedLine;
import io.cqrsshop.command.domain.product.DetailsUpdate;
import io.cqrsshop.command.domain.product.ProductDetails;
import io.cqrsshop.command.domain.product.Sku;
import io.cqrsshop.command.domain.product.StockDelta;
import io.cqrsshop.command.domain.user.Email;
import io.cqrsshop.command.domain.user.UserName;
import io.cqrsshop.proto.v1.AdjustProductStockRequest;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CancelOrderRequest;
import io.cqrsshop.proto.v1.CancelOrderResponse;
import io.cqrsshop.proto.v1.ChangeProductPriceRequest;
import io.cqrsshop.proto.v1.ChangeProductPriceResponse;
import io.cqrsshop.proto.v1.ChangeUserEmailRequest;
import io.cqrsshop.proto.v1.ChangeUserEmailResponse;
import io.cqrsshop.proto.v1.CommandServiceGrpc;
import io.cqrsshop.proto.v1.CreateProductRequest;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.CreateUserRequest;
import io.cqrsshop.proto.v1.CreateUserResponse;
import io.cqrsshop.proto.v1.DeleteUserRequest;
import io.cqrsshop.proto.v1.DeleteUserResponse;
import io.cqrsshop.proto.v1.DiscontinueProductRequest;
import io.cqrsshop.proto.v1.DiscontinueProductResponse;
import io.cqrsshop.proto.v1.PlaceOrderLine;
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.ReactivateProductRequest;
import io.cqrsshop.proto.v1.ReactivateProductResponse;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.proto.v1.RenameUserResponse;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.proto.v1.ShipOrderResponse;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsResponse;
import io.cqrsshop.shared.Violations;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The gRPC {@code cqrsshop.v1.CommandService}: one endpoint method per RPC, which reads the request
 * through the generated getters into a typed command, hands it to the use case named for the act
 * and builds the response with the generated setters. {@link CommandRpc} runs every one the same
 * way, at most once per request id, in a transaction of its own.
 */
public final class CommandEndpoint implements BindableService {

  private final IdempotentCommands commands;
  private final CreatingProduct creatingProduct = new CreatingProduct();
  private final UpdatingProductDetails updatingProductDetails = new UpdatingProductDetails();
  private final ChangingProductPrice changingProductPrice = new ChangingProductPrice();
  private final AdjustingProductStock adjustingProductStock = new AdjustingProductStock();
  private final DiscontinuingProduct discontinuingProduct = new DiscontinuingProduct();
  private final ReactivatingProduct reactivatingProduct = new ReactivatingProduct();
  private final CreatingUser creatingUser = new CreatingUser();
  private final RenamingUser renamingUser = new RenamingUser();
  private final ChangingUserEmail changingUserEmail = new ChangingUserEmail();
  private final DeletingUser deletingUser = new DeletingUser();
  private final PlacingOrder placingOrder = new PlacingOrder();
  private final CancellingOrder cancellingOrder = new CancellingOrder();
  private final ShippingOrder shippingOrder = new ShippingOrder();

  public CommandEndpoint(Transactions transactions, Clock clock) {
    this.commands = new IdempotentCommands(transactions, clock);
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder(CommandServiceGrpc.getServiceDescriptor());
    rpcs().forEach(rpc -> rpc.addTo(service, commands));
    // build() refuses a service with an RPC of the contract left without a registration.
    return service.build();
  }

  /** The registrations: each RPC's generated method, request id getter and endpoint method. */
  private List<CommandRpc<?, ?>> rpcs() {
    return List.of(
        CommandRpc.of(
                CommandServiceGrpc.getCreateProductMethod(),
                CreateProductRequest::getRequestId,
                this::createProduct)
            .freeText("description"),
        CommandRpc.of(
                CommandServiceGrpc.getUpdateProductDetailsMethod(),
                UpdateProductDetailsRequest::getRequestId,
                this::updateProductDetails)
            .freeText("description"),
        CommandRpc.of(
            CommandServiceGrpc.getChangeProductPriceMethod(),
            ChangeProductPriceRequest::getRequestId,
            this::changeProductPrice),
        CommandRpc.of(
                CommandServiceGrpc.getAdjustProductStockMethod(),
                AdjustProductStockRequest::getRequestId,
                this::adjustProductStock)
            .freeText("reason"),
        CommandRpc.of(
            CommandServiceGrpc.getDiscontinueProductMethod(),
            DiscontinueProductRequest::getRequestId,
            this::discontinueProduct),
        CommandRpc.of(
            CommandServiceGrpc.getReactivateProductMethod(),
            ReactivateProductRequest::getRequestId,
            this::reactivateProduct),
        CommandRpc.of(
            CommandServiceGrpc.getCreateUserMethod(),
            CreateUserRequest::getRequestId,
            this::createUser),
        CommandRpc.of(
            CommandServiceGrpc.getRenameUserMethod(),
            RenameUserRequest::getRequestId,
            this::renameUser),
        CommandRpc.of(
            CommandServiceGrpc.getChangeUserEmailMethod(),
            ChangeUserEmailRequest::getRequestId,
            this::changeUserEmail),
        CommandRpc.of(
            CommandServiceGrpc.getDeleteUserMethod(),
            DeleteUserRequest::getRequestId,
            this::deleteUser),
        CommandRpc.of(
            CommandServiceGrpc.getPlaceOrderMethod(),
            PlaceOrderRequest::getRequestId,
            this::placeOrder),
        CommandRpc.of(
                CommandServiceGrpc.getCancelOrderMethod(),
                CancelOrderRequest::getRequestId,
                this::cancelOrder)
            .freeText("reason"),
        CommandRpc.of(
            CommandServiceGrpc.getShipOrderMethod(),
            ShipOrderRequest::getRequestId,
            this::shipOrder));
  }

  /** Registers a product under a SKU that no other product has. */
  private Work<CreateProductResponse> createProduct(
      CreateProductRequest request, Violations violations) {
    Optional<Sku> sku = Sku.parse(request.getSku(), "sku", violations);
    Optional<String> name = ProductDetails.name(request.getName(), "name", violations);
    Optional<String> description =
        ProductDetails.description(request.getDescription(), "description", violations);
    Optional<String> category =
        ProductDetails.category(request.getCategory(), "category", violations);
    Optional<Money> price = price(request.hasPrice(), request.getPrice(), "price", violations);
    Optional<Long> stock =
        StockDelta.initialStock(request.getInitialStock(), "initial_stock", violations);
    return tx ->
        creatingProduct
            .handle(
                new CreateProduct(
                    sku.orElseThrow(),
                    new ProductDetails(
                        name.orElseThrow(), description.orElseThrow(), category.orElseThrow()),
                    price.orElseThrow(),
                    stock.orElseThrow()),
                tx)
            .map(
                receipt ->
                    CreateProductResponse.newBuilder()
                        .setProductId(receipt.written().id().toString())
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Changes the details of an active product that the client named in its update mask. */
  private Work<UpdateProductDetailsResponse> updateProductDetails(
      UpdateProductDetailsRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<DetailsUpdate> update = UpdateMasks.detailsUpdate(request, violations);
    return tx ->
        updatingProductDetails
            .handle(
                new UpdateProductDetails(
                    id.orElseThrow(), expected.orElseThrow(), update.orElseThrow()),
                tx)
            .map(
                receipt ->
                    UpdateProductDetailsResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Sets the price of an active product; orders placed earlier keep the price they captured. */
  private Work<ChangeProductPriceResponse> changeProductPrice(
      ChangeProductPriceRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Money> price = price(request.hasPrice(), request.getPrice(), "price", violations);
    return tx ->
        changingProductPrice
            .handle(
                new ChangeProductPrice(
                    id.orElseThrow(), expected.orElseThrow(), price.orElseThrow()),
                tx)
            .map(
                receipt ->
                    ChangeProductPriceResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Restocks or corrects a product's stock; the response says the stock after it. */
  private Work<AdjustProductStockResponse> adjustProductStock(
      AdjustProductStockRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Long> delta = StockDelta.adjustment(request.getDelta(), "delta", violations);
    Optional<String> reason = Text.upTo(request.getReason(), "reason", 200, violations);
    return tx ->
        adjustingProductStock
            .handle(
                new AdjustProductStock(
                    id.orElseThrow(),
                    expected.orElseThrow(),
                    delta.orElseThrow(),
                    reason.orElseThrow()),
                tx)
            .map(
                adjusted ->
                    AdjustProductStockResponse.newBuilder()
                        .setVersion(adjusted.receipt().version())
                        .setConsistencyToken(adjusted.receipt().consistencyToken())
                        .setStock(adjusted.stock())
                        .build());
  }

  /** Takes a product off sale. */
  private Work<DiscontinueProductResponse> discontinueProduct(
      DiscontinueProductRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        discontinuingProduct
            .handle(new DiscontinueProduct(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    DiscontinueProductResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Puts a discontinued product back on sale. */
  private Work<ReactivateProductResponse> reactivateProduct(
      ReactivateProductRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getProductId(), "product_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        reactivatingProduct
            .handle(new ReactivateProduct(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    ReactivateProductResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Registers a user whose address no live user has. */
  private Work<CreateUserResponse> createUser(CreateUserRequest request, Violations violations) {
    Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
    Optional<String> name = UserName.parse(request.getName(), "name", violations);
    return tx ->
        creatingUser
            .handle(new CreateUser(email.orElseThrow(), name.orElseThrow()), tx)
            .map(
                receipt ->
                    CreateUserResponse.newBuilder()
                        .setUserId(receipt.written().id().toString())
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Changes the name of a live user. */
  private Work<RenameUserResponse> renameUser(RenameUserRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<String> name = UserName.parse(request.getName(), "name", violations);
    return tx ->
        renamingUser
            .handle(
                new RenameUser(id.orElseThrow(), expected.orElseThrow(), name.orElseThrow()), tx)
            .map(
                receipt ->
                    RenameUserResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Moves a live user to an address no other live user has, keeping the old one in its history. */
  private Work<ChangeUserEmailResponse> changeUserEmail(
      ChangeUserEmailRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<Email> email = Email.parse(request.getEmail(), "email", violations);
    return tx ->
        changingUserEmail
            .handle(
                new ChangeUserEmail(id.orElseThrow(), expected.orElseThrow(), email.orElseThrow()),
                tx)
            .map(
                receipt ->
                    ChangeUserEmailResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Deletes a user, leaving a tombstone and freeing the address. */
  private Work<DeleteUserResponse> deleteUser(DeleteUserRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getUserId(), "user_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        deletingUser
            .handle(new DeleteUser(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    DeleteUserResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Places an order: every line checked, its stock taken and priced, in one transaction. */
  private Work<PlaceOrderResponse> placeOrder(PlaceOrderRequest request, Violations violations) {
    Optional<UUID> customer = Identifiers.parse(request.getCustomerId(), "customer_id", violations);
    int count = request.getLinesCount();
    List<Optional<RequestedLine>> lines = List.of();
    if (count < 1 || count > RequestedLine.MAX_LINES) {
      violations.add("lines", "must hold 1 to " + RequestedLine.MAX_LINES + " lines");
    } else {
      lines = lines(request, violations);
    }
    List<Optional<RequestedLine>> parsed = lines;
    return tx ->
        placingOrder
            .handle(
                new PlaceOrder(
                    customer.orElseThrow(), parsed.stream().map(Optional::orElseThrow).toList()),
                tx)
            .map(
                placed ->
                    PlaceOrderResponse.newBuilder()
                        .setOrderId(placed.receipt().written().id().toString())
                        .setVersion(placed.receipt().version())
                        .setConsistencyToken(placed.receipt().consistencyToken())
                        .setTotal(
                            io.cqrsshop.proto.v1.Money.newBuilder()
                                .setCurrencyCode(placed.total().currencyCode())
                                .setAmountMinor(placed.total().amountMinor()))
                        .build());
  }

  private static List<Optional<RequestedLine>> lines(
      PlaceOrderRequest request, Violations violations) {
    List<Optional<RequestedLine>> lines = new ArrayList<>();
    Map<UUID, Integer> firstLineOf = new HashMap<>();
    for (int i = 0; i < request.getLinesCount(); i++) {
      PlaceOrderLine line = request.getLines(i);
      String productField = element("lines", i, "product_id");
      Optional<UUID> product = Identifiers.parse(line.getProductId(), productField, violations);
      Optional<Long> quantity =
          RequestedLine.quantity(line.getQuantity(), element("lines", i, "quantity"), violations);
      if (product.isPresent()) {
        Integer first = firstLineOf.putIfAbsent(product.get(), i);
        if (first != null) {
          violations.add(productField, "repeats the product of lines[" + first + "]");
        }
      }
      lines.add(product.flatMap(id -> quantity.map(units -> new RequestedLine(id, units))));
    }
    return lines;
  }

  /** Cancels a placed order and returns its stock, in one transaction. */
  private Work<CancelOrderResponse> cancelOrder(CancelOrderRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getOrderId(), "order_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    Optional<String> reason = Text.upTo(request.getReason(), "reason", 500, violations);
    return tx ->
        cancellingOrder
            .handle(
                new CancelOrder(id.orElseThrow(), expected.orElseThrow(), reason.orElseThrow()), tx)
            .map(
                receipt ->
                    CancelOrderResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** Marks a placed order as shipped. */
  private Work<ShipOrderResponse> shipOrder(ShipOrderRequest request, Violations violations) {
    Optional<UUID> id = Identifiers.parse(request.getOrderId(), "order_id", violations);
    Optional<ExpectedVersion> expected =
        expectedVersion(request.hasExpectedVersion(), request.getExpectedVersion(), violations);
    return tx ->
        shippingOrder
            .handle(new ShipOrder(id.orElseThrow(), expected.orElseThrow()), tx)
            .map(
                receipt ->
                    ShipOrderResponse.newBuilder()
                        .setVersion(receipt.version())
                        .setConsistencyToken(receipt.consistencyToken())
                        .build());
  }

  /** A required {@code Money} message holding a valid price. */
  private static Optional<Money> price(
      boolean present, io.cqrsshop.proto.v1.Money raw, String field, Violations violations) {
    if (!present) {
      violations.add(field, "is required");
      return Optional.empty();
    }
    return Money.price(raw.getCurrencyCode(), raw.getAmountMinor(), field, violations);
  }

  /** The {@code optional int64 expected_version} of a command on an existing aggregate. */
  private static Optional<ExpectedVersion> expectedVersion(
      boolean present, long raw, Violations violations) {
    return ExpectedVersion.parse(present, raw, "expected_version", violations);
  }

  /** The path of a field inside a repeated message, for example {@code lines[2].quantity}. */
  private static String element(String list, int index, String field) {
    return list + "[" + index + "]." + field;
  }
}
