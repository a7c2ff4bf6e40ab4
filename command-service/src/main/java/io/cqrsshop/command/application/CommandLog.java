package io.cqrsshop.command.application;

import java.util.Optional;

/**
 * Remembers executed commands by caller and request id, so that a repeated command gets its
 * original result. A claim on an id blocks while another transaction holds it, so concurrent copies
 * of one command run one after the other.
 */
public interface CommandLog {

  /**
   * Claims the context's request id for this transaction; when an earlier command of the same
   * caller already holds it, leaves it alone and returns that command's fingerprint.
   */
  Optional<byte[]> claim(CommandContext context);

  /** The result stored by the command that holds the context's request id. */
  <R> R result(CommandContext context, Class<R> type);

  /** Stores the result of the command that claimed the context's request id in this transaction. */
  void complete(CommandContext context, Object result);
}
