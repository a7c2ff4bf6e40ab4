package io.cqrsshop.query.infrastructure;

import static io.cqrsshop.query.infrastructure.Queries.by;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.UserDirectory;
import io.cqrsshop.query.application.UserListing;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
import io.cqrsshop.readmodel.UserDocument.Fields;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The users read model in Elasticsearch: its look-ups and listings, each built by a pure function
 * (tested without a server) and run by the port's method.
 */
public final class UserQueries implements UserDirectory {

  private static final String UPDATED_AT = "updated_at";

  private final ElasticsearchReader reader;
  private final String index;

  public UserQueries(ElasticsearchReader reader, IndexNames names) {
    this.reader = reader;
    this.index = names.alias(ReadModel.USERS);
  }

  @Override
  public Optional<UserDocument> find(String userId) {
    return reader.get("get_user", index, userId, UserDocument.class);
  }

  @Override
  public Optional<UserDocument> findLiveByEmail(String email) {
    var response =
        reader.search("find_user_by_email", UserQueries.byEmail(index, email), UserDocument.class);
    return response.hits().hits().stream().findFirst().map(Hit::source);
  }

  @Override
  public Page<UserDocument> list(UserListing listing) {
    var response =
        reader.search("list_users", UserQueries.list(index, listing), UserDocument.class);
    return SearchAfterValues.page(response.hits(), listing.pageSize(), false);
  }

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
