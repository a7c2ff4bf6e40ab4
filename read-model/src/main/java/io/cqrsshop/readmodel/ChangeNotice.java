package io.cqrsshop.readmodel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a projector has just written to a read model: the documents (by aggregate id) and the
 * versions they now show. A projector announces one after each bulk write on core NATS, at most
 * once, so that live queries re-read those documents instead of polling Elasticsearch; a lost
 * notice costs a watch only a delay (watches re-check on reconnect and on a timer).
 *
 * <p>The subject names the read model ({@code <prefix>.<base name>}); the body is one line per
 * document, {@code id:version[:owner]}, where the owner is the customer an order belongs to.
 */
public record ChangeNotice(ReadModel model, List<Change> changes) {

  public static final String DEFAULT_SUBJECT_PREFIX = "shop.read-model-changes";

  /**
   * One document at the version it shows now.
   *
   * @param owner the customer id of an order; empty for other documents
   */
  public record Change(String id, long version, String owner) {}

  public ChangeNotice {
    changes = List.copyOf(changes);
  }

  public static String subject(String prefix, ReadModel model) {
    return prefix + "." + model.baseName();
  }

  public byte[] encode() {
    StringBuilder body = new StringBuilder(changes.size() * 48);
    for (Change change : changes) {
      body.append(change.id()).append(':').append(change.version());
      if (!change.owner().isEmpty()) {
        body.append(':').append(change.owner());
      }
      body.append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a notice sent to {@code subject}; empty when it is not one this code understands. */
  public static Optional<ChangeNotice> decode(String prefix, String subject, byte[] body) {
    if (!subject.startsWith(prefix + ".")) {
      return Optional.empty();
    }
    String baseName = subject.substring(prefix.length() + 1);
    Optional<ReadModel> model =
        java.util.Arrays.stream(ReadModel.values())
            .filter(candidate -> candidate.baseName().equals(baseName))
            .findFirst();
    if (model.isEmpty()) {
      return Optional.empty();
    }
    List<Change> changes = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(":", -1);
      if (parts.length < 2 || parts.length > 3) {
        return Optional.empty();
      }
      try {
        changes.add(
            new Change(parts[0], Long.parseLong(parts[1]), parts.length == 3 ? parts[2] : ""));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new ChangeNotice(model.get(), changes));
  }
}
