package io.cqrsshop.command.domain.user;

import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import java.time.Instant;

/** What happened to a user; each event holds the user as it is afterwards. */
public sealed interface UserEvent extends DomainEvent {

  User user();

  @Override
  default AggregateVersion aggregate() {
    return new AggregateVersion(AggregateType.USER, user().id(), user().version());
  }

  @Override
  default Instant occurredAt() {
    return user().updateTime();
  }

  /** A user registered. */
  record Created(User user) implements UserEvent {
    @Override
    public String name() {
      return "created";
    }
  }

  /** A user's name changed. */
  record Renamed(String oldName, String newName, User user) implements UserEvent {
    @Override
    public String name() {
      return "renamed";
    }
  }

  /** A user's address changed. */
  record EmailChanged(Email oldEmail, Email newEmail, User user) implements UserEvent {
    @Override
    public String name() {
      return "email_changed";
    }
  }

  /** A user was deleted; the state remains as a tombstone. */
  record Deleted(User user) implements UserEvent {
    @Override
    public String name() {
      return "deleted";
    }
  }
}
