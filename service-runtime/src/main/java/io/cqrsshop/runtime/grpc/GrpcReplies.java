package io.cqrsshop.runtime.grpc;

import io.cqrsshop.shared.Outcome;
import io.grpc.stub.StreamObserver;

/** Completes a unary call from an {@link Outcome}: the value, or the translated rejection. */
public final class GrpcReplies {

  private GrpcReplies() {}

  public static <T> void reply(StreamObserver<T> observer, Outcome<T> outcome) {
    switch (outcome) {
      case Outcome.Success<T> success -> {
        observer.onNext(success.value());
        observer.onCompleted();
      }
      case Outcome.Rejected<T> rejected ->
          observer.onError(GrpcErrors.toException(rejected.rejection()));
    }
  }
}
