package io.cqrsshop.shared;

import java.util.Optional;

/**
 * The one rule for the text a client may send, applied to every string field of every request of
 * both services (the protos document it).
 *
 * <p>A string is Unicode text of at most {@value #MAX_LENGTH} characters (code points) with no
 * control characters (U+0000-U+001F, U+007F-U+009F) and no unpaired surrogates. {@link
 * Kind#FREE_TEXT} fields (descriptions, reasons, search text) also accept tab, line feed and
 * carriage return. Stores refuse what this rule refuses (PostgreSQL's text type cannot hold U+0000,
 * for example), so checking it up front turns a store's failure into a clear answer. Fields with
 * tighter limits of their own check those as well.
 */
public final class ClientText {

  /** No string field of a request may be longer, whatever its own limit. */
  public static final int MAX_LENGTH = 20_000;

  /** Which control characters a field accepts. */
  public enum Kind {
    /** Identifiers, names, codes, tokens: no control characters at all. */
    LINE,
    /** Prose: tab, line feed and carriage return are allowed. */
    FREE_TEXT
  }

  private ClientText() {}

  /** Why {@code value} breaks the rule, if it does. */
  public static Optional<String> problem(String value, Kind kind) {
    int length = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("must be valid Unicode (it holds an unpaired surrogate)");
      } else if (Character.isISOControl(c) && !allowed(c, kind)) {
        return Optional.of(
            kind == Kind.FREE_TEXT
                ? "must not contain control characters other than tab, line feed and carriage"
                    + " return (found U+"
                    + hex(c)
                    + ")"
                : "must not contain control characters (found U+" + hex(c) + ")");
      }
      length++;
      if (length > MAX_LENGTH) {
        return Optional.of("must be at most " + MAX_LENGTH + " characters");
      }
    }
    return Optional.empty();
  }

  private static boolean allowed(char c, Kind kind) {
    return kind == Kind.FREE_TEXT && (c == '\t' || c == '\n' || c == '\r');
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
