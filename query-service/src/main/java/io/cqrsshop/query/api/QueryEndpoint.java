package io.cqrsshop.query.api;

import static io.cqrsshop.runtime.grpc.GrpcReplies.reply;

import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.FindUserByEmailResponse;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.GetOrderResponse;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetProductResponse;
import io.cqrsshop.proto.v1.GetSalesSummaryRequest;
import io.cqrsshop.proto.v1.GetSalesSummaryResponse;
import io.cqrsshop.proto.v1.GetTopProductsRequest;
import io.cqrsshop.proto.v1.GetTopProductsResponse;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.GetUserResponse;
import io.cqrsshop.proto.v1.ListAggregateHistoryRequest;
import io.cqrsshop.proto.v1.ListAggregateHistoryResponse;
import io.cqrsshop.proto.v1.ListCustomerOrdersRequest;
import io.cqrsshop.proto.v1.ListCustomerOrdersResponse;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.ListUsersResponse;
import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.proto.v1.SearchProductsResponse;
import io.cqrsshop.query.application.QueryUseCases;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC QueryService: validates each request, runs its use case, and maps the outcome to the
 * response or to an error status (through {@code GrpcErrors}, via {@code GrpcReplies}).
 */
public final class QueryEndpoint extends QueryServiceGrpc.QueryServiceImplBase {

  private final QueryUseCases useCases;

  public QueryEndpoint(QueryUseCases useCases) {
    this.useCases = useCases;
  }

  @Override
  public void getProduct(GetProductRequest request, StreamObserver<GetProductResponse> observer) {
    reply(
        observer,
        ProductRequests.get(request)
            .flatMap(
                checked ->
                    useCases
                        .lookingUpProduct()
                        .lookUp(checked.query(), CallDeadline.consistency(checked)))
            .map(ProductViews::getResponse));
  }

  @Override
  public void searchProducts(
      SearchProductsRequest request, StreamObserver<SearchProductsResponse> observer) {
    reply(
        observer,
        ProductRequests.search(request)
            .flatMap(
                checked ->
                    useCases
                        .searchingProducts()
                        .search(checked.query(), CallDeadline.consistency(checked)))
            .map(page -> ProductViews.searchResponse(page, PageTokens.fingerprint(request))));
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> observer) {
    reply(
        observer,
        UserRequests.get(request)
            .flatMap(
                checked ->
                    useCases
                        .lookingUpUser()
                        .lookUp(checked.query(), CallDeadline.consistency(checked)))
            .map(UserViews::getResponse));
  }

  @Override
  public void findUserByEmail(
      FindUserByEmailRequest request, StreamObserver<FindUserByEmailResponse> observer) {
    reply(
        observer,
        UserRequests.findByEmail(request)
            .flatMap(
                checked ->
                    useCases
                        .findingUserByEmail()
                        .find(checked.query(), CallDeadline.consistency(checked)))
            .map(UserViews::findResponse));
  }

  @Override
  public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> observer) {
    reply(
        observer,
        UserRequests.list(request)
            .flatMap(
                checked ->
                    useCases
                        .listingUsers()
                        .list(checked.query(), CallDeadline.consistency(checked)))
            .map(page -> UserViews.listResponse(page, PageTokens.fingerprint(request))));
  }

  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<GetOrderResponse> observer) {
    reply(
        observer,
        OrderRequests.get(request)
            .flatMap(
                checked ->
                    useCases
                        .lookingUpOrder()
                        .lookUp(checked.query(), CallDeadline.consistency(checked)))
            .map(OrderViews::getResponse));
  }

  @Override
  public void listCustomerOrders(
      ListCustomerOrdersRequest request, StreamObserver<ListCustomerOrdersResponse> observer) {
    reply(
        observer,
        OrderRequests.listForCustomer(request)
            .flatMap(
                checked ->
                    useCases
                        .listingCustomerOrders()
                        .list(checked.query(), CallDeadline.consistency(checked)))
            .map(page -> OrderViews.listResponse(page, PageTokens.fingerprint(request))));
  }

  @Override
  public void getSalesSummary(
      GetSalesSummaryRequest request, StreamObserver<GetSalesSummaryResponse> observer) {
    reply(
        observer,
        SalesRequests.summary(request)
            .flatMap(
                checked ->
                    useCases
                        .summarizingSales()
                        .summarize(checked.query(), CallDeadline.consistency(checked)))
            .map(SalesViews::summaryResponse));
  }

  @Override
  public void getTopProducts(
      GetTopProductsRequest request, StreamObserver<GetTopProductsResponse> observer) {
    reply(
        observer,
        SalesRequests.topProducts(request)
            .flatMap(
                checked ->
                    useCases
                        .rankingTopProducts()
                        .rank(checked.query(), CallDeadline.consistency(checked))
                        .map(
                            products ->
                                SalesViews.topProductsResponse(
                                    products, checked.query().period().currency()))));
  }

  @Override
  public void listAggregateHistory(
      ListAggregateHistoryRequest request, StreamObserver<ListAggregateHistoryResponse> observer) {
    reply(
        observer,
        HistoryRequests.list(request)
            .flatMap(
                checked ->
                    useCases
                        .listingAggregateHistory()
                        .list(checked.query(), CallDeadline.consistency(checked)))
            .map(page -> HistoryViews.listResponse(page, PageTokens.fingerprint(request))));
  }
}
