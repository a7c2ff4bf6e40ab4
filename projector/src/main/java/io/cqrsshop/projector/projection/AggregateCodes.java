package io.cqrsshop.projector.projection;

import io.cqrsshop.proto.events.v1.AggregateType;

/** The wire name of an event's aggregate type ({@code product}, ...), empty when unknown. */
public final class AggregateCodes {

  private AggregateCodes() {}

  public static String code(AggregateType type) {
    return switch (type) {
      case AGGREGATE_TYPE_PRODUCT -> io.cqrsshop.shared.AggregateType.PRODUCT.code();
      case AGGREGATE_TYPE_USER -> io.cqrsshop.shared.AggregateType.USER.code();
      case AGGREGATE_TYPE_ORDER -> io.cqrsshop.shared.AggregateType.ORDER.code();
      case AGGREGATE_TYPE_UNSPECIFIED, UNRECOGNIZED -> "";
    };
  }
}
