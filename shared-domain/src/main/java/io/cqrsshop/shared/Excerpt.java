package io.cqrsshop.shared;

import java.nio.charset.StandardCharsets;

/**
 * Bounded pieces of text for messages: what a server quotes back to a client (or writes to a log)
 * must not grow with the input, or one request with a 100,000-character field makes a response
 * whose headers a client refuses.
 */
public final class Excerpt {

  private static final String ELLIPSIS = "...";

  private Excerpt() {}

  /**
   * {@code input} quoted for a message: at most {@code maxChars} characters, control characters
   * escaped as {@code \\uXXXX}, and {@code ...} when it was cut.
   */
  public static String quote(String input, int maxChars) {
    StringBuilder quoted = new StringBuilder("\"");
    int taken = 0;
    for (int i = 0; i < input.length(); ) {
      int codePoint = input.codePointAt(i);
      if (taken == maxChars) {
        quoted.append(ELLIPSIS);
        break;
      }
      if (Character.isISOControl(codePoint) || Character.isSurrogate((char) codePoint)) {
        quoted.append(String.format("\\u%04X", codePoint));
      } else {
        quoted.appendCodePoint(codePoint);
      }
      taken++;
      i += Character.charCount(codePoint);
    }
    return quoted.append('"').toString();
  }

  /**
   * {@code text} cut to at most {@code maxBytes} bytes of UTF-8, never inside a character, ending
   * in {@code ...} when it was cut.
   */
  public static String cut(String text, int maxBytes) {
    if (utf8Length(text) <= maxBytes) {
      return text;
    }
    int budget = Math.max(0, maxBytes - ELLIPSIS.length());
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int size = utf8Length(codePoint);
      if (used + size > budget) {
        break;
      }
      kept.appendCodePoint(codePoint);
      used += size;
      i += Character.charCount(codePoint);
    }
    return kept.append(ELLIPSIS).toString();
  }

  /** The size of {@code text} in UTF-8, as it goes on the wire. */
  public static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    } else if (codePoint < 0x800) {
      return 2;
    } else if (codePoint < 0x10000) {
      return 3;
    }
    return 4;
  }
}
