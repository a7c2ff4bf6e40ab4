package io.cqrsshop.runtime.grpc;

/**
 * The request message as interceptors of a served API see it: wrapped by the guard that turns an
 * unparsable body into INVALID_ARGUMENT (see {@code RequestParsing}).
 */
public final class ParsedRequests {

  private ParsedRequests() {}

  /** The message inside {@code request}; null when its body could not be parsed. */
  public static Object message(Object request) {
    return switch (request) {
      case RequestParsing.Parsed.Message<?> parsed -> parsed.value();
      case RequestParsing.Parsed.Malformed<?> malformed -> null;
      default -> request;
    };
  }
}
