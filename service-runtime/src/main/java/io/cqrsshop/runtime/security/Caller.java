package io.cqrsshop.runtime.security;

import io.grpc.Context;
import java.util.Set;

/**
 * Who makes a call: the subject of its verified token and the scopes it grants. Without
 * authentication (local development), and for methods open to all, the caller is {@link
 * #ANONYMOUS}: it holds no scope, and none is checked for it.
 */
public record Caller(String subject, Set<String> scopes) {

  /** The caller when authentication is off. */
  public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

  private static final Context.Key<Caller> KEY = Context.key("cqrsshop-caller");

  public Caller {
    scopes = Set.copyOf(scopes);
  }

  /**
   * The caller of the call this thread serves; {@link #ANONYMOUS} outside an authenticated call.
   */
  public static Caller current() {
    Caller caller = KEY.get();
    return caller == null ? ANONYMOUS : caller;
  }

  Context attachTo(Context context) {
    return context.withValue(KEY, this);
  }

  /**
   * Whether no verified token stands behind this call (authentication off, or a method open to
   * all). A verified token whose subject happens to be "anonymous" does: it is a caller of its own,
   * with its own request ids.
   */
  public boolean isAnonymous() {
    return this == ANONYMOUS;
  }
}
