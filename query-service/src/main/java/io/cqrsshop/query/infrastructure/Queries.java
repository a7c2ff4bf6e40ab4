package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;

/** Small query and sort pieces that every query builder uses. */
final class Queries {

  private Queries() {}

  static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
  }

  static Query term(String field, boolean value) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
  }

  static Query atLeast(String field, long value) {
    return Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).gte(JsonData.of(value)))));
  }

  static Query atMost(String field, long value) {
    return Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).lte(JsonData.of(value)))));
  }

  static SortOptions by(String field, SortOrder order) {
    return SortOptions.of(s -> s.field(f -> f.field(field).order(order)));
  }
}
