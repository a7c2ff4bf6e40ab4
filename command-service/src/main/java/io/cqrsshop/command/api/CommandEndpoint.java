package io.cqrsshop.command.api;

import io.cqrsshop.command.application.CommandHandlers;
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
import io.cqrsshop.proto.v1.PlaceOrderRequest;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.proto.v1.RenameUserRequest;
import io.cqrsshop.proto.v1.RenameUserResponse;
import io.cqrsshop.proto.v1.ShipOrderRequest;
import io.cqrsshop.proto.v1.ShipOrderResponse;
import io.cqrsshop.proto.v1.UpdateProductDetailsRequest;
import io.cqrsshop.proto.v1.UpdateProductDetailsResponse;
import io.grpc.stub.StreamObserver;

/** The gRPC {@code cqrsshop.v1.CommandService}: each RPC validates, runs its use case, replies. */
public final class CommandEndpoint extends CommandServiceGrpc.CommandServiceImplBase {

  private final CommandHandlers handlers;

  public CommandEndpoint(CommandHandlers handlers) {
    this.handlers = handlers;
  }

  @Override
  public void createProduct(
      CreateProductRequest request, StreamObserver<CreateProductResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        ProductRequests::create,
        handlers.creatingProduct()::handle,
        Responses::createProduct);
  }

  @Override
  public void updateProductDetails(
      UpdateProductDetailsRequest request, StreamObserver<UpdateProductDetailsResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        ProductRequests::updateDetails,
        handlers.updatingProductDetails()::handle,
        Responses::updateProductDetails);
  }

  @Override
  public void changeProductPrice(
      ChangeProductPriceRequest request, StreamObserver<ChangeProductPriceResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        ProductRequests::changePrice,
        handlers.changingProductPrice()::handle,
        Responses::changeProductPrice);
  }

  @Override
  public void adjustProductStock(
      AdjustProductStockRequest request, StreamObserver<AdjustProductStockResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        ProductRequests::adjustStock,
        handlers.adjustingProductStock()::handle,
        Responses::adjustProductStock);
  }

  @Override
  public void discontinueProduct(
      DiscontinueProductRequest request, StreamObserver<DiscontinueProductResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        ProductRequests::discontinue,
        handlers.discontinuingProduct()::handle,
        Responses::discontinueProduct);
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        UserRequests::create,
        handlers.creatingUser()::handle,
        Responses::createUser);
  }

  @Override
  public void renameUser(RenameUserRequest request, StreamObserver<RenameUserResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        UserRequests::rename,
        handlers.renamingUser()::handle,
        Responses::renameUser);
  }

  @Override
  public void changeUserEmail(
      ChangeUserEmailRequest request, StreamObserver<ChangeUserEmailResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        UserRequests::changeEmail,
        handlers.changingUserEmail()::handle,
        Responses::changeUserEmail);
  }

  @Override
  public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        UserRequests::delete,
        handlers.deletingUser()::handle,
        Responses::deleteUser);
  }

  @Override
  public void placeOrder(PlaceOrderRequest request, StreamObserver<PlaceOrderResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        OrderRequests::place,
        handlers.placingOrder()::handle,
        Responses::placeOrder);
  }

  @Override
  public void cancelOrder(
      CancelOrderRequest request, StreamObserver<CancelOrderResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        OrderRequests::cancel,
        handlers.cancellingOrder()::handle,
        Responses::cancelOrder);
  }

  @Override
  public void shipOrder(ShipOrderRequest request, StreamObserver<ShipOrderResponse> observer) {
    CommandCalls.handle(
        request,
        request.getRequestId(),
        observer,
        OrderRequests::ship,
        handlers.shippingOrder()::handle,
        Responses::shipOrder);
  }
}
