package io.cqrsshop.query.api;

import static io.cqrsshop.runtime.grpc.GrpcReplies.reply;

import io.cqrsshop.proto.v1.QueryServiceGrpc;
import io.cqrsshop.query.application.ReadConsistency;
import io.cqrsshop.query.application.ReadModels;
import io.cqrsshop.query.application.Reads;
import io.cqrsshop.query.application.watch.WatchSink;
import io.cqrsshop.query.application.watch.Watching;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
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
 * The gRPC QueryService, one registration per RPC: how its request is checked, which read of which
 * read model answers it (in one of the shapes of {@link Reads}), and how the answer becomes the
 * response (for a watch: each message of its stream). Every RPC then runs the same way: a checked
 * request runs its read with the consistency its tokens and the call's deadline ask for, and the
 * outcome is the response or an error status (through {@code GrpcErrors}, via {@code GrpcReplies}).
 */
public final class QueryEndpoint implements BindableService {

  private final ReadModels readModels;
  private final PageTokens pageTokens;
  private final Watching watching;

  public QueryEndpoint(ReadModels readModels, PageTokens pageTokens, Watching watching) {
    this.readModels = readModels;
    this.pageTokens = pageTokens;
    this.watching = watching;
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition.Builder service =
        ServerServiceDefinition.builder(QueryServiceGrpc.getServiceDescriptor());
    Reads reads = readModels.reads();
    rpc(
        service,
        QueryServiceGrpc.getGetProductMethod(),
        ProductRequests::get,
        reads.lookUp(
            ReadModel.PRODUCTS,
            readModels.products()::find,
            ProductDocument::version,
            product -> true,
            ProductViews::notFound),
        (request, product) -> ProductViews.getResponse(product));
    rpc(
        service,
        QueryServiceGrpc.getFindProductBySkuMethod(),
        ProductRequests::findBySku,
        reads.searchOne(
            ReadModel.PRODUCTS, readModels.products()::findBySku, ProductViews::noSuchSku),
        (request, product) -> ProductViews.findBySkuResponse(product));
    rpc(
        service,
        QueryServiceGrpc.getSearchProductsMethod(),
        request -> ProductRequests.search(request, pageTokens),
        reads.search(ReadModel.PRODUCTS, readModels.products()::search),
        (request, page) ->
            ProductViews.searchResponse(page, pageTokens, PageTokens.fingerprint(request)));
    rpc(
        service,
        QueryServiceGrpc.getGetUserMethod(),
        UserRequests::get,
        // A deleted user is as absent as an unknown one; its tombstone still tells the version.
        reads.lookUp(
            ReadModel.USERS,
            readModels.users()::find,
            UserDocument::version,
            user -> !user.deleted(),
            UserViews::notFound),
        (request, user) -> UserViews.getResponse(user));
    rpc(
        service,
        QueryServiceGrpc.getFindUserByEmailMethod(),
        UserRequests::findByEmail,
        reads.searchOne(
            ReadModel.USERS, readModels.users()::findLiveByEmail, UserViews::noSuchEmail),
        (request, user) -> UserViews.findResponse(user));
    rpc(
        service,
        QueryServiceGrpc.getListUsersMethod(),
        request -> UserRequests.list(request, pageTokens),
        reads.search(ReadModel.USERS, readModels.users()::list),
        (request, page) ->
            UserViews.listResponse(page, pageTokens, PageTokens.fingerprint(request)));
    rpc(
        service,
        QueryServiceGrpc.getGetOrderMethod(),
        OrderRequests::get,
        reads.lookUp(
            ReadModel.ORDERS,
            readModels.orders()::find,
            OrderDocument::version,
            order -> true,
            OrderViews::notFound),
        (request, order) -> OrderViews.getResponse(order));
    rpc(
        service,
        QueryServiceGrpc.getListCustomerOrdersMethod(),
        request -> OrderRequests.listForCustomer(request, pageTokens),
        reads.search(ReadModel.ORDERS, readModels.orders()::listForCustomer),
        (request, page) ->
            OrderViews.listResponse(page, pageTokens, PageTokens.fingerprint(request)));
    rpc(
        service,
        QueryServiceGrpc.getGetSalesSummaryMethod(),
        SalesRequests::summary,
        reads.search(ReadModel.SALES, readModels.sales()::summary),
        (request, summary) -> SalesViews.summaryResponse(summary));
    rpc(
        service,
        QueryServiceGrpc.getGetTopProductsMethod(),
        SalesRequests::topProducts,
        reads.search(ReadModel.SALES, readModels.sales()::topProducts),
        (request, products) -> SalesViews.topProductsResponse(products, request.getCurrencyCode()));
    rpc(
        service,
        QueryServiceGrpc.getListAggregateHistoryMethod(),
        request -> HistoryRequests.list(request, pageTokens),
        reads.search(ReadModel.HISTORY, readModels.history()::list),
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
      Reads.Query<A, R> read,
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
                                read.answer(checked.query(), CallDeadline.consistency(checked)))
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
