package io.cqrsshop.readmodel;

import java.time.Instant;
import java.util.List;

/**
 * A user in the {@link ReadModel#USERS} index, keyed by {@code userId}. A deleted user stays as a
 * tombstone ({@code deleted = true}) so that its version keeps counting; queries filter it out.
 */
public record UserDocument(
    String userId,
    String email,
    String name,
    List<EmailHistoryEntry> emailHistory,
    boolean deleted,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public UserDocument {
    emailHistory = List.copyOf(emailHistory);
  }

  /** One address the user has had, from when. */
  public record EmailHistoryEntry(String email, Instant changedAt) {}

  /** Field names for queries. */
  public static final class Fields {
    /** Keyword with a lower-case normalizer: exact, case-insensitive lookups. */
    public static final String EMAIL = "email";

    /** The address split into words, for text filters. */
    public static final String EMAIL_TEXT = "email.text";

    public static final String NAME = "name";
    public static final String NAME_SORT = "name.sort";
    public static final String USER_ID = "user_id";
    public static final String DELETED = "deleted";
    public static final String VERSION = "version";

    private Fields() {}
  }
}
