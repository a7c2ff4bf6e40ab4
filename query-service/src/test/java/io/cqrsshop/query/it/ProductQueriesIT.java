package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrsshop.proto.v1.FindProductBySkuRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.Product;
import io.cqrsshop.proto.v1.ProductSortOrder;
import io.cqrsshop.proto.v1.ProductStatus;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.proto.v1.SearchProductsResponse;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductQueriesIT {

  private final ProductDocument blueMug =
      product("Blue Mug", "A sturdy ceramic mug", "Kitchen", 1299, "EUR");
  private final ProductDocument redMug =
      product(
          Documents.newId(),
          "Red Mug",
          "Bright red cup for coffee",
          "kitchen",
          999,
          "EUR",
          0,
          true,
          3);
  private final ProductDocument teapot =
      product("Teapot", "Holds tea; pairs with a blue mug", "Kitchen", 2599, "EUR");
  private final ProductDocument hose =
      product("Garden Hose", "Twenty metres", "Garden", 3499, "EUR");
  private final ProductDocument oldMug =
      product(Documents.newId(), "Old Mug", "Discontinued mug", "Kitchen", 499, "EUR", 3, false, 4);
  private final ProductDocument usMug =
      product("Blue Mug US", "Mug for the US store", "Kitchen", 1500, "USD");
  private final ProductDocument apron = product("Apron", "Cotton apron", "KITCHEN", 1999, "EUR");

  @RegisterExtension
  static final RunningQueryService service = RunningQueryService.start().withIndices();

  @BeforeAll
  void start() {
    service.index(ReadModel.PRODUCTS, blueMug, redMug, teapot, hose, oldMug, usMug, apron);
  }

  @Test
  void getProduct_indexedProduct_returnsTheCatalogView() {
    Product product =
        service
            .queries
            .getProduct(GetProductRequest.newBuilder().setProductId(redMug.productId()).build())
            .getProduct();

    assertThat(product.getName()).isEqualTo("Red Mug");
    assertThat(product.getSku()).isEqualTo(redMug.sku());
    assertThat(product.getCategory()).isEqualTo("kitchen");
    assertThat(product.getPrice()).isEqualTo(eur(999));
    assertThat(product.getStock()).isZero();
    assertThat(product.getStatus()).isEqualTo(ProductStatus.PRODUCT_STATUS_ACTIVE);
    assertThat(product.getAvailable()).isFalse();
    assertThat(product.getVersion()).isEqualTo(3);
    assertThat(product.getCreateTime().getSeconds()).isEqualTo(Documents.CREATED.getEpochSecond());
  }

  @Test
  void getProduct_unknownId_isNotFound() {
    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service.queries.getProduct(
                    GetProductRequest.newBuilder().setProductId(Documents.newId()).build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void findProductBySku_exactSku_findsOnlyThatProduct() {
    Product product =
        service
            .queries
            .findProductBySku(FindProductBySkuRequest.newBuilder().setSku(redMug.sku()).build())
            .getProduct();
    var otherCase =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service.queries.findProductBySku(
                    FindProductBySkuRequest.newBuilder()
                        .setSku(redMug.sku().toLowerCase(java.util.Locale.ROOT))
                        .build()));

    assertThat(product.getProductId()).isEqualTo(redMug.productId());
    assertThat(product.getName()).isEqualTo("Red Mug");
    assertThat(otherCase.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void searchProducts_text_ranksNameMatchesAboveDescriptionMatches() {
    var response = search(SearchProductsRequest.newBuilder().setQuery("blue mug"));

    assertThat(ids(response.getProductsList()))
        .hasSize(3)
        .endsWith(teapot.productId())
        .contains(blueMug.productId(), usMug.productId());
    assertThat(response.getTotalSize()).isEqualTo(3);
  }

  @Test
  void searchProducts_category_matchesExactlyButIgnoringCase() {
    var response = search(SearchProductsRequest.newBuilder().setCategory("KITCHEN"));

    assertThat(ids(response.getProductsList()))
        .containsExactlyInAnyOrder(
            blueMug.productId(),
            redMug.productId(),
            teapot.productId(),
            oldMug.productId(),
            usMug.productId(),
            apron.productId());
  }

  @Test
  void searchProducts_priceRange_keepsPricesWithinBoundsInTheirCurrency() {
    var response =
        search(SearchProductsRequest.newBuilder().setMinPrice(eur(999)).setMaxPrice(eur(1999)));

    assertThat(ids(response.getProductsList()))
        .containsExactlyInAnyOrder(blueMug.productId(), redMug.productId(), apron.productId());
  }

  @Test
  void searchProducts_activeOnlyAndAvailableOnly_dropTheOthers() {
    var active = search(SearchProductsRequest.newBuilder().setQuery("mug").setActiveOnly(true));
    var available =
        search(SearchProductsRequest.newBuilder().setQuery("mug").setAvailableOnly(true));

    assertThat(ids(active.getProductsList())).doesNotContain(oldMug.productId()).hasSize(4);
    assertThat(ids(available.getProductsList()))
        .containsExactlyInAnyOrder(blueMug.productId(), usMug.productId(), teapot.productId());
  }

  @Test
  void searchProducts_byPrice_sortsBothWays() {
    var kitchenInEuro =
        SearchProductsRequest.newBuilder().setCategory("kitchen").setMinPrice(eur(0));

    var ascending =
        search(
            kitchenInEuro
                .clone()
                .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_PRICE_ASCENDING));
    var descending =
        search(
            kitchenInEuro
                .clone()
                .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_PRICE_DESCENDING));

    assertThat(ascending.getProductsList())
        .extracting(product -> product.getPrice().getAmountMinor())
        .containsExactly(499L, 999L, 1299L, 1999L, 2599L);
    assertThat(descending.getProductsList())
        .extracting(product -> product.getPrice().getAmountMinor())
        .containsExactly(2599L, 1999L, 1299L, 999L, 499L);
  }

  @Test
  void searchProducts_byName_sortsBothWaysIgnoringCase() {
    var ascending = search(SearchProductsRequest.newBuilder());
    var descending =
        search(
            SearchProductsRequest.newBuilder()
                .setSortOrder(ProductSortOrder.PRODUCT_SORT_ORDER_NAME_DESCENDING));

    List<String> byName =
        List.of("Apron", "Blue Mug", "Blue Mug US", "Garden Hose", "Old Mug", "Red Mug", "Teapot");
    assertThat(names(ascending)).containsExactlyElementsOf(byName);
    assertThat(names(descending)).containsExactlyElementsOf(byName.reversed());
  }

  @Test
  void searchProducts_pagesByName_coverEveryProductOnceInOrder() {
    var request = SearchProductsRequest.newBuilder().setPageSize(2);

    List<SearchProductsResponse> pages = allPages(request);

    assertThat(pages).hasSize(4);
    assertThat(pages).allSatisfy(page -> assertThat(page.getTotalSize()).isEqualTo(7));
    assertThat(pages.stream().flatMap(page -> names(page).stream()).toList())
        .containsExactlyElementsOf(names(search(SearchProductsRequest.newBuilder())));
    assertThat(pages.getLast().getNextPageToken()).isEmpty();
  }

  @Test
  void searchProducts_pagesByRelevance_coverEveryMatchOnce() {
    var onePage = search(SearchProductsRequest.newBuilder().setQuery("mug"));

    List<String> paged =
        allPages(SearchProductsRequest.newBuilder().setQuery("mug").setPageSize(2)).stream()
            .flatMap(page -> ids(page.getProductsList()).stream())
            .toList();

    assertThat(onePage.getProductsCount()).isEqualTo(5);
    assertThat(new HashSet<>(paged)).hasSize(paged.size());
    assertThat(paged).containsExactlyElementsOf(ids(onePage.getProductsList()));
  }

  @Test
  void searchProducts_pageTokenWithAnotherQuery_isInvalidArgument() {
    String token =
        search(SearchProductsRequest.newBuilder().setQuery("mug").setPageSize(1))
            .getNextPageToken();

    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> search(SearchProductsRequest.newBuilder().setQuery("tea").setPageToken(token)));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription()).contains("page_token");
  }

  private List<SearchProductsResponse> allPages(SearchProductsRequest.Builder request) {
    List<SearchProductsResponse> pages = new ArrayList<>();
    String token = "";
    do {
      SearchProductsResponse page = search(request.clone().setPageToken(token));
      pages.add(page);
      token = page.getNextPageToken();
    } while (!token.isEmpty() && pages.size() < 10);
    return pages;
  }

  private SearchProductsResponse search(SearchProductsRequest.Builder request) {
    return service.queries.searchProducts(request.build());
  }

  private static List<String> ids(List<Product> products) {
    return products.stream().map(Product::getProductId).toList();
  }

  private static List<String> names(SearchProductsResponse response) {
    return response.getProductsList().stream().map(Product::getName).toList();
  }

  private static Money eur(long amountMinor) {
    return Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(amountMinor).build();
  }
}
