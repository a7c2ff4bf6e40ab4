package io.cqrsshop.command.domain;

import io.cqrsshop.shared.Violations;
import java.util.Optional;
import java.util.regex.Pattern;

/** The client-chosen idempotency key of a command: 1-128 characters of {@code [A-Za-z0-9._:-]}. */
public record RequestId(String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public RequestId {
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed request id");
    }
  }

  public static Optional<RequestId> parse(String raw, String field, Violations violations) {
    if (raw.isEmpty()) {
      violations.add(field, "is required");
      return Optional.empty();
    }
    if (!FORMAT.matcher(raw).matches()) {
      violations.add(field, "must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
      return Optional.empty();
    }
    return Optional.of(new RequestId(raw));
  }

  @Override
  public String toString() {
    return value;
  }
}
