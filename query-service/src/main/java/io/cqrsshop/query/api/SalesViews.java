package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.DailySales;
import io.cqrsshop.proto.v1.GetSalesSummaryResponse;
import io.cqrsshop.proto.v1.GetTopProductsResponse;
import io.cqrsshop.query.domain.SalesFigures;
import io.cqrsshop.query.domain.SalesSummary;
import io.cqrsshop.query.domain.TopProduct;
import java.util.List;

/** Maps sales figures to the report views. */
final class SalesViews {

  private SalesViews() {}

  static GetSalesSummaryResponse summaryResponse(SalesSummary summary) {
    GetSalesSummaryResponse.Builder response = GetSalesSummaryResponse.newBuilder();
    summary
        .days()
        .forEach(
            day ->
                response.addDays(
                    daily(summary.currency(), day.figures()).setDate(day.day().toString())));
    return response.setTotal(daily(summary.currency(), summary.total())).build();
  }

  static GetTopProductsResponse topProductsResponse(List<TopProduct> products, String currency) {
    GetTopProductsResponse.Builder response = GetTopProductsResponse.newBuilder();
    for (TopProduct product : products) {
      response
          .addProductsBuilder()
          .setProductId(product.productId())
          .setProductName(product.productName())
          .setUnitsSold(product.unitsSold())
          .setRevenue(ProtoValues.money(currency, product.revenueMinor()));
    }
    return response.build();
  }

  private static DailySales.Builder daily(String currency, SalesFigures figures) {
    return DailySales.newBuilder()
        .setOrderCount(figures.orderCount())
        .setRevenue(ProtoValues.money(currency, figures.revenueMinor()))
        .setAverageOrderValue(ProtoValues.money(currency, figures.averageOrderValueMinor()));
  }
}
