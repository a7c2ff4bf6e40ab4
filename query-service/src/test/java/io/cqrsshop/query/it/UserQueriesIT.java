package io.cqrsshop.query.it;

import static io.cqrsshop.query.it.Documents.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrsshop.proto.v1.EmailAddressChange;
import io.cqrsshop.proto.v1.FindUserByEmailRequest;
import io.cqrsshop.proto.v1.GetUserRequest;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.ListUsersResponse;
import io.cqrsshop.proto.v1.User;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.readmodel.UserDocument;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserQueriesIT {

  private final UserDocument ada = user("Ada Lovelace", "Ada@Example.com", false);
  private final UserDocument alan = user("Alan Turing", "alan@bletchley.example", false);
  private final UserDocument grace = user("grace Hopper", "grace@navy.example", false);
  private final UserDocument edsger = user("Edsger Dijkstra", "ewd@utexas.example", false);
  private final UserDocument gone = user("Aaron Gone", "gone@example.com", true);

  @RegisterExtension
  static final RunningQueryService service = RunningQueryService.start().withIndices();

  @BeforeAll
  void start() {
    service.index(ReadModel.USERS, ada, alan, grace, edsger, gone);
  }

  @Test
  void getUser_liveUser_returnsTheViewWithEmailHistoryOldestFirst() {
    User user = service.queries.getUser(get(ada.userId())).getUser();

    assertThat(user.getName()).isEqualTo("Ada Lovelace");
    assertThat(user.getEmail()).isEqualTo("Ada@Example.com");
    assertThat(user.getEmailHistoryList())
        .extracting(EmailAddressChange::getEmail)
        .containsExactly("first-Ada@Example.com", "Ada@Example.com");
    assertThat(user.getVersion()).isEqualTo(1);
  }

  @Test
  void getUser_deletedOrUnknown_isNotFound() {
    for (String id : List.of(gone.userId(), Documents.newId())) {
      var error =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> service.queries.getUser(get(id)));

      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
  }

  @Test
  void findUserByEmail_otherCase_findsTheLiveUser() {
    var found =
        service.queries.findUserByEmail(
            FindUserByEmailRequest.newBuilder().setEmail("ada@EXAMPLE.com").build());

    assertThat(found.getUser().getUserId()).isEqualTo(ada.userId());
  }

  @Test
  void findUserByEmail_addressOfADeletedUser_isNotFound() {
    var error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                service.queries.findUserByEmail(
                    FindUserByEmailRequest.newBuilder().setEmail("gone@example.com").build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void listUsers_pages_coverLiveUsersByNameOnce() {
    List<ListUsersResponse> pages = allPages(ListUsersRequest.newBuilder().setPageSize(2));

    assertThat(pages).hasSize(2);
    assertThat(pages.stream().flatMap(page -> names(page).stream()).toList())
        .containsExactly("Ada Lovelace", "Alan Turing", "Edsger Dijkstra", "grace Hopper");
    assertThat(pages.getLast().getNextPageToken()).isEmpty();
  }

  @Test
  void listUsers_filter_matchesWordsAndPrefixesOfNameAndEmail() {
    assertThat(names(list("al"))).containsExactly("Alan Turing");
    assertThat(names(list("lovel"))).containsExactly("Ada Lovelace");
    assertThat(names(list("bletch"))).containsExactly("Alan Turing");
    assertThat(names(list("grace nav"))).containsExactly("grace Hopper");
    assertThat(names(list("a"))).containsExactly("Ada Lovelace", "Alan Turing");
    assertThat(names(list("gone"))).isEmpty();
  }

  private ListUsersResponse list(String filter) {
    return service.queries.listUsers(ListUsersRequest.newBuilder().setFilter(filter).build());
  }

  private List<ListUsersResponse> allPages(ListUsersRequest.Builder request) {
    List<ListUsersResponse> pages = new ArrayList<>();
    String token = "";
    do {
      ListUsersResponse page =
          service.queries.listUsers(request.clone().setPageToken(token).build());
      pages.add(page);
      token = page.getNextPageToken();
    } while (!token.isEmpty() && pages.size() < 10);
    return pages;
  }

  private static GetUserRequest get(String id) {
    return GetUserRequest.newBuilder().setUserId(id).build();
  }

  private static List<String> names(ListUsersResponse response) {
    return response.getUsersList().stream().map(User::getName).toList();
  }
}
