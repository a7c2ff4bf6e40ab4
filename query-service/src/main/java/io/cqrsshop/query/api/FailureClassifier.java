package io.cqrsshop.query.api;

import io.cqrsshop.query.application.ReadModelUnavailableException;
import io.grpc.Status;
import java.util.Optional;

/**
 * Recognises failures that are an outage of Elasticsearch rather than a bug, so that the caller
 * gets UNAVAILABLE (and retries) instead of INTERNAL.
 */
public final class FailureClassifier {

  private FailureClassifier() {}

  public static Optional<Status> classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ReadModelUnavailableException) {
        return Optional.of(
            Status.UNAVAILABLE.withDescription("the read models cannot be reached; retry later"));
      }
    }
    return Optional.empty();
  }
}
