package io.cqrsshop.query.api;

import com.google.protobuf.Message;
import io.cqrsshop.proto.v1.ListUsersRequest;
import io.cqrsshop.proto.v1.SearchProductsRequest;
import io.cqrsshop.query.application.PageCursor;
import io.cqrsshop.runtime.grpc.RequestText;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Validates the fields of one request, collecting a violation per bad field so that the caller
 * learns about all of them at once. Each check returns the usable value; once a check has failed,
 * {@link #result} never builds the query, so the values returned for bad fields are never used.
 *
 * <p>Every string of the request is checked against the API's text rule as soon as the check is
 * made, so that no field escapes it.
 */
final class RequestCheck {

  /** The search texts, which may hold line breaks and tabs; every other string may not. */
  private static final RequestText TEXT =
      new RequestText(
          Set.of(
              SearchProductsRequest.getDescriptor().findFieldByName("query"),
              ListUsersRequest.getDescriptor().findFieldByName("filter")));

  static final int MAX_TEXT_LENGTH = 200;
  static final int MAX_EMAIL_LENGTH = 254;
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_CONSISTENCY_TOKENS = 20;

  /**
   * Aggregates all the tokens of one call may name together: bounds the consistency check's work
   * per call (tokens are not signed, so a caller could write one naming thousands).
   */
  static final int MAX_AWAITED_WRITES = 200;

  /** Page tokens this service issues are far shorter; longer ones are refused before decoding. */
  static final int MAX_PAGE_TOKEN_LENGTH = 1_024;

  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final Pattern EMAIL_FORM = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final Violations violations = new Violations();
  private final Message request;

  RequestCheck(Message request) {
    this.request = request;
    TEXT.check(request, violations);
  }

  /**
   * Checks a request for one document: its id (in {@code field}) and the writes it must show. The
   * query is the id in canonical form.
   */
  static Outcome<Checked<String>> oneById(
      Message request, String field, String id, List<String> consistencyTokens) {
    RequestCheck check = new RequestCheck(request);
    String checkedId = check.id(field, id);
    return check.result(() -> checkedId, check.consistencyTokens(consistencyTokens));
  }

  /** A required id in canonical (lower-case) UUID form, as documents are keyed. */
  String id(String field, String value) {
    if (value.isEmpty()) {
      violations.add(field, "is required");
    } else if (!UUID_FORM.matcher(value).matches()) {
      violations.add(field, "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** Optional free text, trimmed. */
  String text(String field, String value) {
    violations.require(
        value.codePointCount(0, value.length()) <= MAX_TEXT_LENGTH,
        field,
        "must be at most " + MAX_TEXT_LENGTH + " characters");
    return value.strip();
  }

  String email(String field, String value) {
    String email = value.strip();
    if (email.isEmpty()) {
      violations.add(field, "is required");
    } else if (email.length() > MAX_EMAIL_LENGTH) {
      violations.add(field, "must be at most " + MAX_EMAIL_LENGTH + " characters");
    } else if (!EMAIL_FORM.matcher(email).matches()) {
      violations.add(field, "must be an email address");
    }
    return email;
  }

  /** Whether the value is a currency code. */
  boolean currencyCode(String field, String value) {
    return violations.require(
        CURRENCY_CODE.matcher(value).matches(),
        field,
        "must be a three-letter ISO 4217 code in upper case, such as EUR");
  }

  /** A page size or limit: 0 means the default, otherwise 1 to {@value #MAX_PAGE_SIZE}. */
  int pageSize(String field, int value, int defaultSize) {
    if (value < 0 || value > MAX_PAGE_SIZE) {
      violations.add(field, "must be between 0 (the default, " + defaultSize + ") and 100");
      return defaultSize;
    }
    return value == 0 ? defaultSize : value;
  }

  /** Flags a proto3 enum value that this server does not know. */
  void knownEnum(String field, boolean unrecognized) {
    violations.require(!unrecognized, field, "is not a known value");
  }

  /** Records a violation unless {@code valid}; returns {@code valid}. */
  boolean require(boolean valid, String field, String description) {
    return violations.require(valid, field, description);
  }

  void reject(String field, String description) {
    violations.add(field, description);
  }

  /**
   * The {@code page_token} of this listing: sealed by this service for a request with the same
   * parameters, and holding sort values of the listing's {@code shape}.
   */
  Optional<PageCursor> pageToken(String token, PageTokens pageTokens, PageCursor.Shape shape) {
    String field = "page_token";
    String requestFingerprint = PageTokens.fingerprint(request);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.length() > MAX_PAGE_TOKEN_LENGTH) {
      violations.add(field, "is not a page token issued by this service (too long)");
      return Optional.empty();
    }
    return switch (pageTokens.decode(token, requestFingerprint)) {
      case Outcome.Success<PageCursor> success when shape.fits(success.value()) ->
          Optional.of(success.value());
      case Outcome.Success<PageCursor> other -> {
        violations.add(
            field, "is not a page token of this listing; use a next_page_token as returned");
        yield Optional.empty();
      }
      case Outcome.Rejected<PageCursor> rejected -> {
        if (rejected.rejection() instanceof Rejection.InvalidInput invalid) {
          invalid.violations().forEach(violation -> violations.add(field, violation.description()));
        } else {
          violations.add(field, rejected.rejection().message());
        }
        yield Optional.empty();
      }
    };
  }

  /**
   * The version a resumed watch has seen: its resume token must be one this system issued for the
   * watched aggregate ({@code id}, already checked). Empty when the token is empty.
   */
  OptionalLong resumeToken(String field, String token, AggregateType type, String id) {
    if (token.isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<AggregateVersion> named =
        ConsistencyToken.decode(token).stream()
            .flatMap(decoded -> decoded.writes().stream())
            .filter(write -> write.type() == type && write.id().toString().equals(id))
            .findFirst();
    if (named.isEmpty()) {
      violations.add(field, "is not a consistency_token of a message of this watch");
      return OptionalLong.empty();
    }
    return OptionalLong.of(named.get().version());
  }

  /** The writes named by the tokens, highest version per aggregate. */
  List<AggregateVersion> consistencyTokens(List<String> tokens) {
    if (tokens.size() > MAX_CONSISTENCY_TOKENS) {
      violations.add(
          "consistency_tokens", "must hold at most " + MAX_CONSISTENCY_TOKENS + " tokens");
      return List.of();
    }
    List<ConsistencyToken> decoded = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Optional<ConsistencyToken> token = ConsistencyToken.decode(tokens.get(i));
      if (token.isPresent()) {
        decoded.add(token.get());
      } else {
        violations.add(
            "consistency_tokens[" + i + "]", "is not a consistency token issued by this system");
      }
    }
    List<AggregateVersion> writes = ConsistencyToken.merge(decoded);
    if (writes.size() > MAX_AWAITED_WRITES) {
      violations.add(
          "consistency_tokens",
          "must name at most " + MAX_AWAITED_WRITES + " aggregates in all, named " + writes.size());
      return List.of();
    }
    return writes;
  }

  /** The checked request, or every violation found. */
  <Q> Outcome<Checked<Q>> result(Supplier<Q> query, List<AggregateVersion> writes) {
    Optional<Rejection.InvalidInput> rejection = violations.rejection();
    if (rejection.isPresent()) {
      return Outcome.rejected(rejection.get());
    }
    return Outcome.success(new Checked<>(query.get(), writes));
  }
}
