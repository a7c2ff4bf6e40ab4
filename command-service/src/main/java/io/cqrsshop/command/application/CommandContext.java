package io.cqrsshop.command.application;

import io.cqrsshop.command.domain.RequestId;

/**
 * What identifies one command execution: the client's request id and a fingerprint of the request
 * (same fingerprint = same command), computed by the API layer.
 */
public record CommandContext(RequestId requestId, byte[] fingerprint) {

  public CommandContext {
    fingerprint = fingerprint.clone();
  }

  @Override
  public byte[] fingerprint() {
    return fingerprint.clone();
  }
}
