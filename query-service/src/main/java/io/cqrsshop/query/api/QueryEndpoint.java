package io.cqrsshop.query.api;

import static io.cqrsshop.runtime.grpc.GrpcReplies.reply;

import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.query.application.QueryUseCases;
import io.cqrsshop.query.application.ReadConsistency;
import io.cqrsshop.query.application.watch.WatchSink;
import io.cqrsshop.query.application.watch.Watching;
import io.cqrsshop.runtime.grpc.GrpcErrors;
import io.cqrsshop.shared.Outcome;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gRPC QueryService, one registration per RPC: how its request is checked, which use case
 * answers it, and how the answer becomes the response (for a watch: each message of its stream).
 * Every RPC then runs the same way: a checked request runs its use case with the consistency its
 * tokens and the call's deadline ask for, and the outcome is the response or an error status
 * (through {@code GrpcErrors}, via {@code GrpcReplies}).
 */
public final class QueryEndpoint implements BindableService {

  private final QueryUseCases useCases;
  private final PageTokens pageTokens;
  private final Watching watching;

  public QueryEndpoint(QueryUseCases useCases, PageTokens pageTokens, Watching watching) {
    this.useCases = useCases;
    this.pageTokens = pageTokens;
    this.watching = watching;
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder(QueryServiceGrpc.getServiceDescriptor());
    rpc(
        service,
        QueryServiceGrpc.getGetProductMethod(),
        ProductRequests::get,
        useCases.lookingUpProduct()::lookUp,
        (request, product) -> ProductViews.getResponse(product));
    rpc(
        service,
        QueryServiceGrpc.getSearchProductsMethod(),
        request -> ProductRequests.search(request, pageTokens),
        useCases.searchingProducts()::search,
        (request, page) ->
            ProductViews.searchResponse(page, pageTokens, PageTokens.fingerprint(request)));
    rpc(
        service,
        QueryServiceGrpc.getGetUserMethod(),
        UserRequests::get,
        useCases.lookingUpUser()::lookUp,
        (request, user) -> UserViews.getResponse(user));
    rpc(
        service,
        QueryServiceGrpc.getFindUserByEmailMethod(),
        UserRequests::findByEmail,
        useCases.findingUserByEmail()::find,
        (request, user) -> UserViews.findResponse(user));
    rpc(
        service,
        QueryServiceGrpc.getListUsersMethod(),
        request -> UserRequests.list(request, pageTokens),
        useCases.listingUsers()::list,
        (request, page) ->
            UserViews.listResponse(page, pageTokens, PageTokens.fingerprint(request)));
    rpc(
        service,
        QueryServiceGrpc.getGetOrderMethod(),
        OrderRequests::get,
        useCases.lookingUpOrder()::lookUp,
        (request, order) -> OrderViews.getResponse(order));
    rpc(
        service,
        QueryServiceGrpc.getListCustomerOrdersMethod(),
        request -> OrderRequests.listForCustomer(request, pageTokens),
        useCases.listingCustomerOrders()::list,
        (request, page) ->
            OrderViews.listResponse(page, pageTokens, PageTokens.fingerprint(request)));
    rpc(
        service,
        QueryServiceGrpc.getGetSalesSummaryMethod(),
        SalesRequests::summary,
        useCases.summarizingSales()::summarize,
        (request, summary) -> SalesViews.summaryResponse(summary));
    rpc(
        service,
        QueryServiceGrpc.getGetTopProductsMethod(),
        SalesRequests::topProducts,
        useCases.rankingTopProducts()::rank,
        (request, products) -> SalesViews.topProductsResponse(products, request.getCurrencyCode()));
    rpc(
        service,
        QueryServiceGrpc.getListAggregateHistoryMethod(),
        request -> HistoryRequests.list(request, pageTokens),
        useCases.listingAggregateHistory()::list,
        (request, page) ->
            HistoryViews.listResponse(page, pageTokens, PageTokens.fingerprint(request)));
    watch(
        service,
        QueryServiceGrpc.getWatchProductMethod(),
        ProductRequests::watch,
        (target, consistency, sink) ->
            watching.product(target.id(), consistency, target.seen(), sink),
        ProductViews::watchResponse);
    watch(
        service,
        QueryServiceGrpc.getWatchOrderMethod(),
        OrderRequests::watch,
        (target, consistency, sink) ->
            watching.order(target.id(), consistency, target.seen(), sink),
        OrderViews::watchResponse);
    watch(
        service,
        QueryServiceGrpc.getWatchCustomerOrdersMethod(),
        OrderRequests::watchForCustomer,
        watching::customerOrders,
        OrderViews::watchCustomerResponse);
    // build() refuses a service with an RPC of the contract left without a registration.
    return service.build();
  }

  private static <Q, A, R, S> void rpc(
      ServerServiceDefinition.Builder service,
      MethodDescriptor<Q, S> method,
      Function<Q, Outcome<Checked<A>>> check,
      BiFunction<A, ReadConsistency, Outcome<R>> useCase,
      BiFunction<Q, R, S> response) {
    service.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (request, observer) ->
                reply(
                    observer,
                    check
                        .apply(request)
                        .flatMap(
                            checked ->
                                useCase.apply(checked.query(), CallDeadline.consistency(checked)))
                        .map(result -> response.apply(request, result)))));
  }

  /** How a watch RPC opens its watch, once its request passed the checks. */
  @FunctionalInterface
  private interface WatchStart<A, D> {
    Watching.Opened open(A query, ReadConsistency consistency, WatchSink<D> sink);
  }

  private static <Q, A, D, S> void watch(
      ServerServiceDefinition.Builder service,
      MethodDescriptor<Q, S> method,
      Function<Q, Outcome<Checked<A>>> check,
      WatchStart<A, D> start,
      Function<D, S> message) {
    service.addMethod(
        method,
        ServerCalls.asyncServerStreamingCall(
            (request, observer) -> {
              switch (check.apply(request)) {
                case Outcome.Rejected<Checked<A>> rejected ->
                    observer.onError(GrpcErrors.toException(rejected.rejection()));
                case Outcome.Success<Checked<A>> checked ->
                    WatchStream.open(
                        (ServerCallStreamObserver<S>) observer,
                        message,
                        sink ->
                            start.open(
                                checked.value().query(),
                                CallDeadline.consistency(checked.value()),
                                sink));
              }
            }));
  }
}
