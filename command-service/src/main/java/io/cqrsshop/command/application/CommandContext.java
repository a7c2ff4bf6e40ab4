package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.RequestId;
import java.util.Objects;

/**
 * What identifies one command execution: who calls (the authenticated subject, {@link #ANONYMOUS}
 * when the service runs without authentication), the caller's request id, and a fingerprint of the
 * request (same fingerprint = same command), computed by the API layer. Request ids are scoped per
 * caller.
 */
public record CommandContext(String caller, RequestId requestId, byte[] fingerprint) {

  /** The caller of every command when authentication is off. */
  public static final String ANONYMOUS = "";

  public CommandContext {
    Objects.requireNonNull(caller, "caller");
    fingerprint = fingerprint.clone();
  }

  @Override
  public byte[] fingerprint() {
    return fingerprint.clone();
  }
}
