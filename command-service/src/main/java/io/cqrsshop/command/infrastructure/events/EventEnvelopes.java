package io.cqrsshop.command.infrastructure.events;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import io.cqrsshop.command.application.CommandContext;
import io.cqrsshop.command.domain.DomainEvent;
import io.cqrsshop.command.domain.Money;
import io.cqrsshop.command.domain.order.Order;
import io.cqrsshop.command.domain.order.OrderEvent;
import io.cqrsshop.command.domain.product.Product;
import io.cqrsshop.command.domain.product.ProductEvent;
import io.cqrsshop.command.domain.user.User;
import io.cqrsshop.command.domain.user.UserEvent;
import io.cqrsshop.proto.events.v1.AggregateType;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Domain events in the wire form that the event log stores and JetStream carries.
 *
 * <p>The wire form of each kind follows from names, so that a new kind of event needs no code here:
 * the event {@code ProductEvent.PriceChanged} of a product goes into the envelope's field {@code
 * product_price_changed}, and each component of the event record into the field of the same name in
 * snake case ({@code oldPrice} into {@code old_price}). Values map by type: the aggregate to its
 * state ({@link ProtoStates}), {@code Money} and {@code Instant} to their messages, a UUID and a
 * single-value record such as {@code Email} to a string, an enum to the proto constant of the same
 * name under the proto enum's prefix ({@code ADJUSTMENT} to {@code STOCK_CHANGE_CAUSE_ADJUSTMENT}),
 * an empty {@code Optional} to an unset field.
 *
 * <p>Each kind is checked against the proto once, before its first event is written ({@link
 * #checkAll} checks them all, as a unit test does): a component without a field of a fitting type,
 * or a field without a component, fails loudly rather than drop data.
 */
public final class EventEnvelopes {

  /** The aggregates' sealed event interfaces: every kind of event is one of their records. */
  private static final List<Class<? extends DomainEvent>> AGGREGATE_EVENTS =
      List.of(ProductEvent.class, UserEvent.class, OrderEvent.class);

  /** Each enum's wire values by constant name, found once: every event of a kind asks again. */
  private static final Map<EnumDescriptor, Map<String, EnumValueDescriptor>> ENUM_VALUES =
      new ConcurrentHashMap<>();

  private static final ClassValue<Kind> KINDS =
      new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
          return Kind.of(type);
        }
      };

  private EventEnvelopes() {}

  public static EventEnvelope envelope(DomainEvent event, UUID eventId, CommandContext cause) {
    EventEnvelope.Builder envelope =
        EventEnvelope.newBuilder()
            .setEventId(eventId.toString())
            .setAggregateType(
                AggregateType.valueOf("AGGREGATE_TYPE_" + event.aggregate().type().name()))
            .setAggregateId(event.aggregate().id().toString())
            .setAggregateVersion(event.aggregate().version())
            .setOccurTime(ProtoStates.timestamp(event.occurredAt()))
            .setRequestId(cause.requestId().value())
            .setCaller(cause.caller());
    KINDS.get(event.getClass()).write(event, envelope);
    return envelope.build();
  }

  /** Works out (and so checks) the wire form of every kind of event; fails on the first misfit. */
  public static void checkAll() {
    AGGREGATE_EVENTS.stream()
        .flatMap(events -> Stream.of(events.getPermittedSubclasses()))
        .forEach(KINDS::get);
  }

  /** One kind of event: its field in the envelope and where each component goes. */
  private record Kind(String name, FieldDescriptor field, List<Part> parts) {

    static Kind of(Class<?> type) {
      if (!type.isRecord() || type.getInterfaces().length != 1) {
        throw misfit(type, "is not a record of one aggregate's events");
      }
      String aggregate = type.getInterfaces()[0].getSimpleName().replace("Event", "");
      String name = snake(type.getSimpleName());
      String fieldName = snake(aggregate) + "_" + name;
      FieldDescriptor field = EventEnvelope.getDescriptor().findFieldByName(fieldName);
      if (field == null || field.getContainingOneof() == null) {
        throw misfit(type, "has no field " + fieldName + " in the EventEnvelope's oneof");
      }
      Descriptor message = field.getMessageType();
      List<Part> parts = new ArrayList<>();
      Set<String> covered = new HashSet<>();
      for (RecordComponent component : type.getRecordComponents()) {
        String wireName = snake(component.getName());
        FieldDescriptor target = message.findFieldByName(wireName);
        if (target == null) {
          throw misfit(
              type,
              "has "
                  + component.getName()
                  + " but "
                  + message.getName()
                  + " has no field "
                  + wireName);
        }
        expectFits(type, component, target);
        parts.add(new Part(component, target));
        covered.add(wireName);
      }
      for (FieldDescriptor target : message.getFields()) {
        if (!covered.contains(target.getName())) {
          throw misfit(type, "has no component for " + message.getName() + "." + target.getName());
        }
      }
      return new Kind(name, field, List.copyOf(parts));
    }

    void write(DomainEvent event, EventEnvelope.Builder envelope) {
      if (!name.equals(event.name())) {
        throw misfit(event.getClass(), "is named " + event.name() + ", its record " + name);
      }
      Message.Builder message = envelope.newBuilderForField(field);
      for (Part part : parts) {
        part.value((Record) event).ifPresent(value -> message.setField(part.target(), value));
      }
      envelope.setField(field, message.build());
    }
  }

  /** One component of an event record and the field it goes into. */
  private record Part(RecordComponent component, FieldDescriptor target) {

    Optional<Object> value(Record event) {
      Object value = read(event, component);
      if (value instanceof Optional<?> optional) {
        return optional.map(present -> wire(present, target));
      }
      return Optional.of(wire(value, target));
    }
  }

  private static Object wire(Object value, FieldDescriptor target) {
    return switch (value) {
      case Product product -> ProtoStates.product(product);
      case User user -> ProtoStates.user(user);
      case Order order -> ProtoStates.order(order);
      case Money money -> ProtoStates.money(money);
      case Instant instant -> ProtoStates.timestamp(instant);
      case UUID id -> id.toString();
      case Enum<?> constant -> enumValue(target.getEnumType(), constant.name());
      case List<?> list -> list.stream().map(element -> wire(element, target)).toList();
      case Record single when single.getClass().getRecordComponents().length == 1 ->
          wire(read(single, single.getClass().getRecordComponents()[0]), target);
      default -> value;
    };
  }

  /** Whether a component's values can go into the field, judged from its declared type. */
  private static void expectFits(Class<?> type, RecordComponent component, FieldDescriptor target) {
    Type declared = component.getGenericType();
    boolean repeated = false;
    if (declared instanceof ParameterizedType generic
        && (generic.getRawType() == List.class || generic.getRawType() == Optional.class)) {
      repeated = generic.getRawType() == List.class;
      declared = generic.getActualTypeArguments()[0];
    }
    if (repeated != target.isRepeated()) {
      throw misfit(
          type, component.getName() + " and " + target.getName() + " differ in repetition");
    }
    Class<?> raw = declared instanceof Class<?> c ? c : Object.class;
    JavaType expected = javaType(raw);
    if (expected != target.getJavaType()) {
      throw misfit(
          type,
          component.getName()
              + " ("
              + raw.getSimpleName()
              + ") cannot go into "
              + target.getName()
              + " ("
              + target.getJavaType()
              + ")");
    }
    if (raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        enumValue(target.getEnumType(), ((Enum<?>) constant).name());
      }
    }
  }

  private static JavaType javaType(Class<?> raw) {
    if (raw == String.class || raw == UUID.class) {
      return JavaType.STRING;
    }
    if (raw == long.class || raw == Long.class) {
      return JavaType.LONG;
    }
    if (raw == int.class || raw == Integer.class) {
      return JavaType.INT;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return JavaType.BOOLEAN;
    }
    if (raw.isEnum()) {
      return JavaType.ENUM;
    }
    if (raw.isRecord() && raw.getRecordComponents().length == 1) {
      return javaType(raw.getRecordComponents()[0].getType());
    }
    // The aggregates, Money and Instant: messages.
    return JavaType.MESSAGE;
  }

  private static EnumValueDescriptor enumValue(EnumDescriptor type, String constant) {
    return ENUM_VALUES
        .computeIfAbsent(type, ignored -> new ConcurrentHashMap<>())
        .computeIfAbsent(constant, ignored -> findEnumValue(type, constant));
  }

  private static EnumValueDescriptor findEnumValue(EnumDescriptor type, String constant) {
    String name = snake(type.getName()).toUpperCase(Locale.ROOT) + "_" + constant;
    EnumValueDescriptor value = type.findValueByName(name);
    if (value == null) {
      throw new IllegalStateException(type.getName() + " has no value " + name);
    }
    return value;
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  /** {@code PriceChanged} and {@code priceChanged} both become {@code price_changed}. */
  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static IllegalStateException misfit(Class<?> type, String problem) {
    return new IllegalStateException(
        "event " + type.getName() + " has no wire form: it " + problem);
  }
}
