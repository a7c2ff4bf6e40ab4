package io.cqrsshop.command.domain.user;

import io.cqrsshop.command.domain.Decisions;
import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user in the write model, with every address it has had (oldest first). Deleting leaves a
 * tombstone that no command can change, and frees the address for others.
 */
public record User(
    UUID id,
    Email email,
    String name,
    List<EmailChange> emailHistory,
    boolean deleted,
    Instant createTime,
    Instant updateTime,
    long version) {

  public User {
    emailHistory = List.copyOf(emailHistory);
  }

  /** A new user at version 1; uniqueness of the address is the repository's to enforce. */
  public static UserEvent.Created create(UUID id, Email email, String name, Instant now) {
    return new UserEvent.Created(
        new User(id, email, name, List.of(new EmailChange(email, now)), false, now, now, 1));
  }

  public Outcome<UserEvent.Renamed> rename(ExpectedVersion expected, String newName, Instant now) {
    return Decisions.unlessRefused(
        changeable(expected),
        () ->
            new UserEvent.Renamed(
                name,
                newName,
                new User(id, email, newName, emailHistory, false, createTime, now, version + 1)));
  }

  public Outcome<UserEvent.EmailChanged> changeEmail(
      ExpectedVersion expected, Email newEmail, Instant now) {
    return Decisions.unlessRefused(
        changeable(expected),
        () -> {
          List<EmailChange> history = new ArrayList<>(emailHistory);
          history.add(new EmailChange(newEmail, now));
          return new UserEvent.EmailChanged(
              email,
              newEmail,
              new User(id, newEmail, name, history, false, createTime, now, version + 1));
        });
  }

  public Outcome<UserEvent.Deleted> delete(ExpectedVersion expected, Instant now) {
    return Decisions.unlessRefused(
        changeable(expected),
        () ->
            new UserEvent.Deleted(
                new User(id, email, name, emailHistory, true, createTime, now, version + 1)));
  }

  /** Whether orders may still be placed for this user. */
  public boolean canOrder() {
    return !deleted;
  }

  private Optional<Rejection> changeable(ExpectedVersion expected) {
    return Decisions.firstOf(
        () -> deleted ? Optional.of(UserRejections.notFound(id)) : Optional.empty(),
        () -> expected.conflictWith(UserRejections.aggregate(id), version));
  }
}
