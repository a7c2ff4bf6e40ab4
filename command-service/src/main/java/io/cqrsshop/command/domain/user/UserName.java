package io.cqrsshop.command.domain.user;

import io.cqrsshop.command.domain.Text;
import io.cqrsshop.shared.Violations;
import java.util.Optional;

/** Rules for a user's display name: 1-200 characters on one line. */
public final class UserName {

  private UserName() {}

  public static Optional<String> parse(String raw, String field, Violations violations) {
    return Text.singleLine(raw, field, 1, 200, violations);
  }
}
