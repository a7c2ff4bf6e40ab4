package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.kitchenProduct;
import static io.cqrsshop.query.it.Documents.order;
import static io.cqrsshop.query.it.Documents.orderLine;
import static io.cqrsshop.query.it.Documents.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.GetOrderRequest;
import io.cqrsshop.proto.v1.GetProductRequest;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.readmodel.IndexSettings;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.ProductDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two visibility rules of read-your-writes, on indices that never refresh by themselves
 * (refresh_interval -1), so that nothing depends on timing: a lookup by id with a token answers as
 * soon as the document is indexed, while searches do not see that document at all until a refresh,
 * which never comes here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupVisibilityIT {

  private static final Duration SERVER_CAP = Duration.ofSeconds(1);

  @RegisterExtension
  static final RunningQueryService service =
      RunningQueryService.start(SERVER_CAP).withIndices(new IndexSettings(0, "-1"));

  @Test
  void getProduct_tokenForAnUnrefreshedWrite_answersItWithoutARefresh() throws IOException {
    ProductDocument mug = kitchenProduct("Mug");
    service.indexUnrefreshed(ReadModel.PRODUCTS, mug);

    var product =
        service
            .queries
            .getProduct(
                GetProductRequest.newBuilder()
                    .setProductId(mug.productId())
                    .addConsistencyTokens(token(AggregateType.PRODUCT, mug.productId(), 1))
                    .build())
            .getProduct();

    assertThat(product.getName()).isEqualTo("Mug");
    assertThat(searchable(ReadModel.PRODUCTS, mug.productId())).isZero();
  }

  @Test
  void searchProducts_tokenForAnUnrefreshedWrite_waitsForTheRefreshAndGivesUp() {
    ProductDocument kettle = kitchenProduct("Kettle");
    service.indexUnrefreshed(ReadModel.PRODUCTS, kettle);

    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service.queries.searchProducts(
                    SearchProductsRequest.newBuilder()
                        .setQuery("kettle")
                        .addConsistencyTokens(token(AggregateType.PRODUCT, kettle.productId(), 1))
                        .build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription()).contains("products");
  }

  @Test
  void getUser_tokenForAnUnrefreshedRename_answersTheNewNameWhileSearchesStillWait()
      throws IOException {
    String id = UUID.randomUUID().toString();
    service.index(ReadModel.USERS, user(id, "Ada", "ada@example.com", false, 1));
    service.indexUnrefreshed(
        ReadModel.USERS, user(id, "Ada Lovelace", "ada@example.com", false, 2));
    String token = token(AggregateType.USER, id, 2);

    var user =
        service
            .queries
            .getUser(GetUserRequest.newBuilder().setUserId(id).addConsistencyTokens(token).build())
            .getUser();
    var searchError =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service.queries.findUserByEmail(
                    FindUserByEmailRequest.newBuilder()
                        .setEmail("ada@example.com")
                        .addConsistencyTokens(token)
                        .build()));

    assertThat(user.getName()).isEqualTo("Ada Lovelace");
    assertThat(searchError.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(searchable(ReadModel.USERS, id)).isEqualTo(1);
  }

  @Test
  void getOrder_tokenForAnUnrefreshedWrite_answersItWithoutARefresh() throws IOException {
    OrderDocument placed =
        order(
            UUID.randomUUID().toString(),
            Instant.parse("2026-10-02T10:00:00Z"),
            OrderDocument.STATUS_PLACED,
            orderLine("Mug", 2, 100));
    service.indexUnrefreshed(ReadModel.ORDERS, placed);

    var order =
        service
            .queries
            .getOrder(
                GetOrderRequest.newBuilder()
                    .setOrderId(placed.orderId())
                    .addConsistencyTokens(
                        token(AggregateType.ORDER, placed.orderId(), Documents.versionOf(placed)))
                    .build())
            .getOrder();

    assertThat(order.getOrderId()).isEqualTo(placed.orderId());
    assertThat(searchable(ReadModel.ORDERS, placed.orderId())).isZero();
  }

  /** How many documents with this id searches see: none until the index has been refreshed. */
  private long searchable(ReadModel model, String id) throws IOException {
    return service
        .elasticsearch
        .count(c -> c.index(service.names.alias(model)).query(q -> q.ids(i -> i.values(id))))
        .count();
  }

  private static String token(AggregateType type, String id, long version) {
    return ConsistencyToken.of(new AggregateVersion(type, UUID.fromString(id), version)).encode();
  }
}
