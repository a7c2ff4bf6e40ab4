package io.cqrsshop.query.infrastructure;

import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.query.application.UserDirectory;
import io.cqrsshop.query.application.UserListing;
import io.cqrsshop.readmodel.IndexNames;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
import java.util.Optional;

/** The users read model in Elasticsearch. */
public final class ElasticsearchUserDirectory implements UserDirectory {

  private final ElasticsearchReader reader;
  private final String index;

  public ElasticsearchUserDirectory(ElasticsearchReader reader, IndexNames names) {
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
}
