package io.cqrsshop.command.application;

import java.util.Optional;

/**
 * Remembers executed commands by caller and request id, with the answer each got, so that a
 * repeated command gets that answer again. A claim on an id blocks while another transaction holds
 * it, so concurrent copies of one command run one after the other.
 */
public interface CommandLog {

  /**
   * Claims the context's request id for this transaction; when an earlier command of the same
   * caller already holds it, leaves it alone and returns that command's fingerprint.
   */
  Optional<byte[]> claim(CommandContext context);

  /** The answer stored by the command that holds the context's request id. */
  byte[] answer(CommandContext context);

  /** Stores the answer of the command that claimed the context's request id in this transaction. */
  void complete(CommandContext context, byte[] answer);
}
