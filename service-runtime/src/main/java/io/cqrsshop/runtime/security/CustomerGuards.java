package io.cqrsshop.runtime.security;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.cqrsshop.runtime.grpc.GrpcErrors;
import io.cqrsshop.runtime.grpc.ParsedRequests;
import io.cqrsshop.shared.Rejection;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a customer token may see and do, checked on the messages themselves: the customer field a
 * rule names (in the request, or in the answer) must hold the token's subject. Also the log line of
 * a back-office read of personal data: who read which records, never the data.
 */
final class CustomerGuards {

  private static final Logger log = LoggerFactory.getLogger(CustomerGuards.class);

  private CustomerGuards() {}

  /** Refuses the call before it runs when its request acts for another customer. */
  static <Q, R> ServerCall.Listener<Q> ownRequestsOnly(
      ServerCall.Listener<Q> next, ServerCall<Q, R> call, String field, Caller who) {
    return new SimpleForwardingServerCallListener<>(next) {
      private boolean refused;

      @Override
      public void onMessage(Q request) {
        if (refused) {
          return;
        }
        Object message = ParsedRequests.message(request);
        // An unparsable body goes on, to be refused as INVALID_ARGUMENT.
        if (message != null && !who.subject().equals(value(message, field))) {
          refused = true;
          GrpcErrors.close(call, notYours(field));
          return;
        }
        super.onMessage(request);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  /** Answers PERMISSION_DENIED instead of an answer about another customer. */
  static <Q, R> ServerCall<Q, R> ownAnswersOnly(ServerCall<Q, R> call, String field, Caller who) {
    return new SimpleForwardingServerCall<>(call) {
      private boolean refused;

      @Override
      public void sendMessage(R answer) {
        if (refused) {
          return;
        }
        if (!who.subject().equals(value(answer, field))) {
          refused = true;
          GrpcErrors.close(delegate(), notYours(field));
          return;
        }
        super.sendMessage(answer);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        if (!refused) {
          super.close(status, trailers);
        }
      }
    };
  }

  /** Logs each request of a back-office read of personal data: the caller and the ids asked for. */
  static <Q> ServerCall.Listener<Q> logPersonalDataRead(
      ServerCall.Listener<Q> next, Caller who, String method) {
    return new SimpleForwardingServerCallListener<>(next) {
      @Override
      public void onMessage(Q request) {
        if (ParsedRequests.message(request) instanceof Message message) {
          log.info("personal data read: {} by {} for {}", method, who.subject(), ids(message));
        }
        super.onMessage(request);
      }
    };
  }

  /** The request's id fields (never a name, email or free-text filter). */
  private static List<String> ids(Message request) {
    List<String> ids = new ArrayList<>();
    for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
      if (field.getName().endsWith("_id") && field.getType() == FieldDescriptor.Type.STRING) {
        ids.add(field.getName() + "=" + request.getField(field));
      }
    }
    return ids.isEmpty() ? List.of("a listing") : ids;
  }

  /** The string at a dotted path of fields; empty where a part is missing. */
  static String value(Object message, String path) {
    Object current = message;
    for (String name : path.split("\\.")) {
      if (!(current instanceof Message node)) {
        return "";
      }
      FieldDescriptor field = node.getDescriptorForType().findFieldByName(name);
      if (field == null) {
        throw new IllegalStateException(
            node.getDescriptorForType().getFullName() + " has no field " + name);
      }
      current = node.getField(field);
    }
    return Objects.toString(current, "");
  }

  private static Rejection notYours(String field) {
    return new Rejection.PermissionDenied(
        AuthenticationInterceptor.NOT_YOUR_DATA,
        "a customer token acts for its own subject only: " + field + " must be it",
        Map.of("field", field));
  }
}
