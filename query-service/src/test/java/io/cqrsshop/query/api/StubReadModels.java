package io.cqrsshop.query.api;

import io.cqrsshop.query.application.CustomerOrderListing;
import io.cqrsshop.query.application.CustomerOrders;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.ProductCatalog;
import io.cqrsshop.query.application.ProductSearch;
import io.cqrsshop.query.application.ReadModels;
import io.cqrsshop.query.application.ReadYourWrites;
import io.cqrsshop.query.application.Reads;
import io.cqrsshop.query.application.SalesAnalytics;
import io.cqrsshop.query.application.SalesPeriod;
import io.cqrsshop.query.application.TopProductsQuery;
import io.cqrsshop.query.application.UserDirectory;
import io.cqrsshop.query.application.UserListing;
import io.cqrsshop.query.application.watch.Watches;
import io.cqrsshop.query.application.watch.Watching;
import io.cqrsshop.query.domain.SalesFigures;
import io.cqrsshop.query.domain.TopProduct;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.UserDocument;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * In-memory read models for API tests: they answer from maps, remember the queries they were asked,
 * and are always caught up.
 */
final class StubReadModels {

  final Map<String, ProductDocument> products = new HashMap<>();
  final Map<String, UserDocument> users = new HashMap<>();
  final Map<String, OrderDocument> orders = new HashMap<>();
  final List<Object> queries = new ArrayList<>();
  Page<ProductDocument> searchResult = Page.empty();
  Page<io.cqrsshop.readmodel.HistoryDocument> historyResult = Page.empty();
  RuntimeException searchFailure;

  ReadModels readModels() {
    return new ReadModels(
        new Reads(readYourWrites()),
        new Products(),
        new Users(),
        new Orders(),
        new Sales(),
        listing -> {
          queries.add(listing);
          return historyResult;
        });
  }

  /** Watches over the same stubs. */
  Watching watching() {
    Watches watches = new Watches(new Products(), new Orders(), new SimpleMeterRegistry());
    return new Watching(watches, readYourWrites(), new Products(), new Orders());
  }

  private static ReadYourWrites readYourWrites() {
    return new ReadYourWrites(
        (model, visibility, writes) -> true, Duration.ofMillis(100), 16, new SimpleMeterRegistry());
  }

  /** Answers lookups by id, and by the first document that matches, from one of the maps. */
  private class Lookup<T> {
    private final Map<String, T> documents;

    Lookup(Map<String, T> documents) {
      this.documents = documents;
    }

    public Optional<T> find(String id) {
      queries.add(id);
      return Optional.ofNullable(documents.get(id));
    }

    Optional<T> first(Object query, Predicate<T> matching) {
      queries.add(query);
      return documents.values().stream().filter(matching).findFirst();
    }
  }

  private final class Products extends Lookup<ProductDocument> implements ProductCatalog {
    Products() {
      super(products);
    }

    @Override
    public Optional<ProductDocument> findBySku(String sku) {
      return first(sku, product -> product.sku().equals(sku));
    }

    @Override
    public Page<ProductDocument> search(ProductSearch search) {
      queries.add(search);
      if (searchFailure != null) {
        throw searchFailure;
      }
      return searchResult;
    }
  }

  private final class Users extends Lookup<UserDocument> implements UserDirectory {
    Users() {
      super(users);
    }

    @Override
    public Optional<UserDocument> findLiveByEmail(String email) {
      return first(email, user -> !user.deleted() && user.email().equalsIgnoreCase(email));
    }

    @Override
    public Page<UserDocument> list(UserListing listing) {
      queries.add(listing);
      return Page.empty();
    }
  }

  private final class Orders extends Lookup<OrderDocument> implements CustomerOrders {
    Orders() {
      super(orders);
    }

    @Override
    public Page<OrderDocument> listForCustomer(CustomerOrderListing listing) {
      queries.add(listing);
      return Page.empty();
    }
  }

  private final class Sales implements SalesAnalytics {
    @Override
    public Map<LocalDate, SalesFigures> salesPerDay(SalesPeriod period) {
      queries.add(period);
      return Map.of(period.range().first(), new SalesFigures(3, 1000));
    }

    @Override
    public List<TopProduct> topProducts(TopProductsQuery query) {
      queries.add(query);
      return List.of(new TopProduct("p-1", "Mug", 4, 5196));
    }
  }
}
