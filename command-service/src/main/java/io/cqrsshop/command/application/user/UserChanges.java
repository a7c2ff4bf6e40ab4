package io.cqrsshop.command.application.user;

import io.cqrsshop.command.application.WriteModel;
import io.cqrsshop.command.domain.RequestId;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.command.domain.user.UserRejections;
import io.cqrsshop.shared.Outcome;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The common shape of a command on one existing user: lock, decide, store, log. */
final class UserChanges {

  private UserChanges() {}

  static <E extends UserEvent> Outcome<E> change(
      WriteModel model, RequestId requestId, UUID userId, Function<User, Outcome<E>> decide) {
    return model
        .users()
        .lock(userId)
        .map(decide)
        .orElseGet(() -> Outcome.rejected(UserRejections.notFound(userId)))
        .flatMap(
            event -> {
              if (!model.users().update(event.user())) {
                return Outcome.rejected(UserRejections.emailInUse(event.user().email()));
              }
              model.events().append(List.of(event), requestId);
              return Outcome.success(event);
            });
  }
}
