package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.cqrsshop.query.application.UserListing;
import io.cqrsshop.readmodel.UserDocument.Fields;
import java.util.Arrays;
import java.util.List;

/** Builds user lookups and listings; pure, so that their shape is tested without a server. */
public final class UserQueries {

  private static final String UPDATED_AT = "updated_at";

  private UserQueries() {}

  /**
   * The live user with an address. Should two live documents share it for a moment (one user gave
   * the address up, another took it, and only one change is projected yet), the most recently
   * updated wins.
   */
  public static SearchRequest byEmail(String index, String email) {
    return SearchRequest.of(
        s ->
            s.index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .query(
                    q ->
                        q.bool(
                            b ->
                                b.filter(Queries.term(Fields.EMAIL, email))
                                    .filter(Queries.term(Fields.DELETED, false))))
                .sort(by(UPDATED_AT, SortOrder.Desc))
                .size(1));
  }

  public static SearchRequest list(String index, UserListing listing) {
    return SearchRequest.of(
        s -> {
          s.index(index)
              .ignoreUnavailable(true)
              .allowNoIndices(true)
              .query(filter(listing.filter()))
              .sort(by(Fields.NAME_SORT, SortOrder.Asc), by(Fields.USER_ID, SortOrder.Asc))
              .size(listing.pageSize() + 1);
          listing.after().ifPresent(after -> s.searchAfter(SearchAfterValues.toFieldValues(after)));
          return s;
        });
  }

  /** Live users whose name or email has every word of the filter as a word or word prefix. */
  static Query filter(String text) {
    BoolQuery.Builder bool = new BoolQuery.Builder().filter(Queries.term(Fields.DELETED, false));
    for (String word : words(text)) {
      bool.filter(
          f ->
              f.multiMatch(
                  m ->
                      m.query(word)
                          .fields(Fields.NAME, Fields.EMAIL_TEXT)
                          .type(TextQueryType.BoolPrefix)
                          .operator(Operator.And)));
    }
    return Query.of(q -> q.bool(bool.build()));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+"))
        .filter(word -> !word.isEmpty())
        .distinct()
        .toList();
  }
}
