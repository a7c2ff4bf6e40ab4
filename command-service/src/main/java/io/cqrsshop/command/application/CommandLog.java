package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.RequestId;
import java.util.Optional;

/**
 * Remembers executed commands by request id, so that a repeated command gets its original result. A
 * claim on an id blocks while another transaction holds it, so concurrent copies of one command run
 * one after the other.
 */
public interface CommandLog {

  /**
   * Claims {@code requestId} for this transaction; when an earlier command already holds it, leaves
   * it alone and returns that command's fingerprint.
   */
  Optional<byte[]> claim(RequestId requestId, byte[] fingerprint);

  /** The result stored by the command that holds {@code requestId}. */
  <R> R result(RequestId requestId, Class<R> type);

  /** Stores the result of the command that claimed {@code requestId} in this transaction. */
  void complete(RequestId requestId, Object result);
}
