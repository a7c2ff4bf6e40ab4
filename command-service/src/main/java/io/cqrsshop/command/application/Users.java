package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.user.User;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored users. The store enforces that no two live users share an address, compared
 * case-insensitively, even under concurrent commands.
 */
public interface Users {

  /** Stores a new user; false (and nothing stored) when a live user has the address. */
  boolean add(User user);

  /** The user, locked against concurrent changes. */
  Optional<User> lock(UUID id);

  /** The user, locked only against deletion and edits (several orders may share this lock). */
  Optional<User> lockShared(UUID id);

  /**
   * Stores the new state of a locked user; false when its new address belongs to another live user.
   * After false the transaction can only be rolled back.
   */
  boolean update(User user);
}
