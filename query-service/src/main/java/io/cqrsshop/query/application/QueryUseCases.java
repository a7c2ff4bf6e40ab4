package io.cqrsshop.query.application;

/** Every use case of the query side, one per RPC, wired to the same read models. */
public record QueryUseCases(
    LookingUpProduct lookingUpProduct,
    SearchingProducts searchingProducts,
    LookingUpUser lookingUpUser,
    FindingUserByEmail findingUserByEmail,
    ListingUsers listingUsers,
    LookingUpOrder lookingUpOrder,
    ListingCustomerOrders listingCustomerOrders,
    SummarizingSales summarizingSales,
    RankingTopProducts rankingTopProducts,
    ListingAggregateHistory listingAggregateHistory) {

  public static QueryUseCases wire(
      ReadYourWrites readYourWrites,
      ProductCatalog products,
      UserDirectory users,
      OrderHistory orders,
      SalesAnalytics sales,
      AggregateHistory history) {
    return new QueryUseCases(
        new LookingUpProduct(readYourWrites, products),
        new SearchingProducts(readYourWrites, products),
        new LookingUpUser(readYourWrites, users),
        new FindingUserByEmail(readYourWrites, users),
        new ListingUsers(readYourWrites, users),
        new LookingUpOrder(readYourWrites, orders),
        new ListingCustomerOrders(readYourWrites, orders),
        new SummarizingSales(readYourWrites, sales),
        new RankingTopProducts(readYourWrites, sales),
        new ListingAggregateHistory(readYourWrites, history));
  }
}
