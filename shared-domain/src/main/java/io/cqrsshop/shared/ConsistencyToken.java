package io.cqrsshop.shared;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The writes of one command, handed to clients as an opaque string so that a later query can wait
 * until the read models reflect them (read-your-writes).
 *
 * <p>The encoded form is {@code ct1.} followed by unpadded base64url of {@code
 * type:id:version[,type:id:version...]}; the prefix versions the format so that it can change
 * without breaking tokens that clients still hold.
 */
public record ConsistencyToken(List<AggregateVersion> writes) {

  private static final String PREFIX = "ct1.";

  /** Bounds the work a single token can ask of the query side. */
  public static final int MAX_WRITES = 200;

  private static final int MAX_ENCODED_LENGTH = PREFIX.length() + MAX_WRITES * 80;

  public ConsistencyToken {
    writes = List.copyOf(writes);
    if (writes.isEmpty() || writes.size() > MAX_WRITES) {
      throw new IllegalArgumentException("a token holds 1 to " + MAX_WRITES + " writes");
    }
  }

  public static ConsistencyToken of(AggregateVersion... writes) {
    return new ConsistencyToken(List.of(writes));
  }

  public String encode() {
    var body = new StringBuilder();
    for (AggregateVersion write : writes) {
      if (!body.isEmpty()) {
        body.append(',');
      }
      body.append(write.type().code()).append(':').append(write.id()).append(':');
      body.append(write.version());
    }
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a token from a client; empty when it is not one this system issued. */
  public static Optional<ConsistencyToken> decode(String encoded) {
    if (encoded == null || !encoded.startsWith(PREFIX) || encoded.length() > MAX_ENCODED_LENGTH) {
      return Optional.empty();
    }
    try {
      String body =
          new String(
              Base64.getUrlDecoder().decode(encoded.substring(PREFIX.length())),
              StandardCharsets.UTF_8);
      List<AggregateVersion> writes = new ArrayList<>();
      for (String part : body.split(",", -1)) {
        String[] fields = part.split(":", -1);
        if (fields.length != 3) {
          return Optional.empty();
        }
        Optional<AggregateType> type = AggregateType.fromCode(fields[0]);
        if (type.isEmpty()) {
          return Optional.empty();
        }
        writes.add(
            new AggregateVersion(
                type.get(), UUID.fromString(fields[1]), Long.parseLong(fields[2])));
      }
      return Optional.of(new ConsistencyToken(writes));
    } catch (IllegalArgumentException malformed) {
      // Base64, UUID and number parsing all signal bad input this way.
      return Optional.empty();
    }
  }

  /**
   * The highest version per aggregate over several tokens: what a query must wait for when a client
   * passes more than one.
   */
  public static List<AggregateVersion> merge(Collection<ConsistencyToken> tokens) {
    Map<UUID, AggregateVersion> highest = new LinkedHashMap<>();
    for (ConsistencyToken token : tokens) {
      for (AggregateVersion write : token.writes()) {
        highest.merge(write.id(), write, (a, b) -> a.version() >= b.version() ? a : b);
      }
    }
    return List.copyOf(highest.values());
  }
}
