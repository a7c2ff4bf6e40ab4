package io.cqrsshop.query.application;

/**
 * What the query side reads, wired once: the read models' ports and the shapes of their queries
 * ({@link Reads}), which wait for the caller's writes.
 */
public record ReadModels(
    Reads reads,
    ProductCatalog products,
    UserDirectory users,
    CustomerOrders orders,
    SalesAnalytics sales,
    AggregateHistory history) {}
