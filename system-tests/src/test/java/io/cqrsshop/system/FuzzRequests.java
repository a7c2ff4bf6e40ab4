package io.cqrsshop.system;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated requests for any RPC, built from its request type's descriptor so that every field of
 * every request (and every field added later) is fuzzed: random and hostile strings (U+0000 and
 * other control characters, lone surrogates, 100,000 characters), real and random ids, extreme
 * numbers, unknown enum values, dates Java accepts and stores do not, huge update masks, and real
 * or forged page and consistency tokens (page tokens also over sort values of any count and kind,
 * with a seal recomputed without the key or sealed with a leaked key, see {@link
 * ForgedPageTokens}).
 */
final class FuzzRequests {

  private final List<String> knownIds;
  private final List<String> knownTokens;

  /**
   * @param knownIds ids of aggregates that exist, so that some requests get past "not found"
   * @param knownTokens consistency tokens the system issued, all already projected
   */
  FuzzRequests(List<String> knownIds, List<String> knownTokens) {
    this.knownIds = List.copyOf(knownIds);
    this.knownTokens = List.copyOf(knownTokens);
  }

  /**
   * Requests of the prototype's type: well-formed ones with, four times out of five, one field made
   * hostile, so that most requests get past the other checks to where a hostile value can do harm
   * (a store, a query, an error message).
   */
  Arbitrary<Message> of(Message prototype) {
    List<FieldDescriptor> fields = prototype.getDescriptorForType().getFields();
    Arbitrary<Integer> hostileField =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(-1)),
            Tuple.of(4, Arbitraries.integers().between(0, fields.size() - 1)));
    Arbitrary<Message> requests = hostileField.flatMap(hostile -> build(prototype, hostile));
    FieldDescriptor pageToken = prototype.getDescriptorForType().findFieldByName("page_token");
    if (pageToken == null) {
      return requests;
    }
    byte[] key = Base64.getDecoder().decode(RunningSystem.PAGE_TOKEN_KEY);
    return Arbitraries.frequencyOf(
        Tuple.of(3, requests),
        Tuple.of(
            1,
            Combinators.combine(requests, sortValues())
                .as((request, values) -> ForgedPageTokens.unkeyed(request, pageToken, values))),
        Tuple.of(
            1,
            Combinators.combine(requests, sortValues())
                .as(
                    (request, values) ->
                        ForgedPageTokens.sealedWith(key, request, pageToken, values))));
  }

  /**
   * Sort values a forged page token may carry: any count, any kind (numbers at their extremes,
   * strings of any size and content, booleans, nulls, nested lists).
   */
  private static Arbitrary<List<Object>> sortValues() {
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.longs().map(v -> (Object) v),
            Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L).map(v -> (Object) v),
            Arbitraries.doubles().map(v -> (Object) v),
            Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 0.0)
                .map(v -> (Object) v),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("-_ .\u00e9\u0000")
                .ofMaxLength(40)
                .map(v -> (Object) v),
            Arbitraries.just("x".repeat(1_500)).map(v -> (Object) v),
            Arbitraries.of(true, false).map(v -> (Object) v),
            Arbitraries.just(List.of(1L, "nested")).map(v -> (Object) v));
    return Arbitraries.frequencyOf(
        Tuple.of(6, value.injectNull(0.1).list().ofMinSize(0).ofMaxSize(4)),
        Tuple.of(1, value.list().ofSize(50)));
  }

  private Arbitrary<Message> build(Message prototype, int hostile) {
    List<FieldDescriptor> fields = prototype.getDescriptorForType().getFields();
    List<Arbitrary<Optional<Setter>>> setters = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      boolean mutate = i == hostile;
      setters.add(
          field(prototype, fields.get(i), mutate)
              .map(Optional::of)
              .injectNull(mutate ? 0 : 0.05)
              .map(this::orEmpty));
    }
    return Combinators.combine(setters)
        .as(
            values -> {
              Message.Builder builder = prototype.newBuilderForType();
              values.forEach(setter -> setter.ifPresent(s -> s.apply(builder)));
              return builder.build();
            });
  }

  private Optional<Setter> orEmpty(Optional<Setter> setter) {
    return setter == null ? Optional.empty() : setter;
  }

  /** Sets one field of a builder. */
  @FunctionalInterface
  private interface Setter {
    void apply(Message.Builder builder);
  }

  private Arbitrary<Setter> field(Message prototype, FieldDescriptor field, boolean hostile) {
    Arbitrary<Object> value = value(prototype, field, hostile);
    if (!field.isRepeated()) {
      return value.map(v -> builder -> builder.setField(field, v));
    }
    Arbitrary<List<Object>> list =
        field.getName().equals("paths")
            ? Arbitraries.frequencyOf(
                Tuple.of(8, value.list().ofMaxSize(4)),
                Tuple.of(
                    1,
                    Arbitraries.strings()
                        .alpha()
                        .withChars("_.")
                        .ofMaxLength(20)
                        .map(s -> (Object) s)
                        .list()
                        .ofSize(1_000)))
            : value.list().ofMaxSize(field.getName().equals("lines") ? 4 : 3);
    return list.map(
        values ->
            builder -> {
              for (Object v : values) {
                builder.addRepeatedField(field, v);
              }
            });
  }

  private Arbitrary<Object> value(Message prototype, FieldDescriptor field, boolean hostile) {
    return switch (field.getJavaType()) {
      case STRING -> {
        Arbitrary<String> wellFormed = strings(field.getName());
        yield (hostile ? hostile(field.getName(), wellFormed) : wellFormed).map(s -> (Object) s);
      }
      case LONG ->
          (hostile ? Arbitraries.longs() : Arbitraries.longs().between(1, 100))
              .map(v -> (Object) v);
      case INT ->
          (hostile ? Arbitraries.integers() : Arbitraries.integers().between(0, 50))
              .map(v -> (Object) v);
      case BOOLEAN -> Arbitraries.of(true, false).map(v -> (Object) v);
      case ENUM ->
          (hostile ? Arbitraries.integers().between(-2, 12) : Arbitraries.integers().between(0, 3))
              .map(n -> (Object) field.getEnumType().findValueByNumberCreatingIfUnknown(n));
      case MESSAGE -> {
        Message nested =
            prototype.newBuilderForType().newBuilderForField(field).getDefaultInstanceForType();
        yield (hostile ? of(nested) : build(nested, -1)).map(m -> (Object) m);
      }
      default -> throw new IllegalStateException("no generator for " + field.getFullName());
    };
  }

  /** Well-formed values of a string field, as far as its name tells. */
  private Arbitrary<String> strings(String field) {
    return switch (field) {
      case "request_id" -> Arbitraries.create(() -> "fuzz-" + UUID.randomUUID());
      case "consistency_tokens" -> Arbitraries.of(knownTokens);
      case "page_token" -> Arbitraries.just("");
      case "start_date", "end_date" ->
          Arbitraries.integers()
              .between(1, 9999)
              .map(year -> String.format("%04d-11-0%d", year, year % 9 + 1));
      case "currency_code" -> Arbitraries.of("EUR", "EUR", "EUR", "USD", "eur", "EURO");
      case "email" ->
          Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> s + "@example.com");
      case "paths" -> Arbitraries.of("name", "description", "category");
      default ->
          field.endsWith("_id")
              ? Arbitraries.frequencyOf(
                  Tuple.of(6, Arbitraries.of(knownIds)),
                  Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())),
                  Tuple.of(1, Arbitraries.of(knownIds).map(String::toUpperCase)))
              : Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30);
    };
  }

  /**
   * Values a field should refuse (or survive): control characters, huge, broken Unicode, and what
   * its kind of field invites (dates Java parses and stores refuse, forged tokens).
   */
  private static Arbitrary<String> hostile(String field, Arbitrary<String> wellFormed) {
    Arbitrary<String> forField =
        switch (field) {
          case "start_date", "end_date" ->
              Arbitraries.of(
                  "0001-01-01",
                  "9999-12-31",
                  "0000-12-31",
                  "-0001-01-01",
                  "+10000-01-01",
                  "+999999999-12-31",
                  "-999999999-01-01",
                  "2026-02-30");
          case "consistency_tokens", "page_token" ->
              Arbitraries.strings()
                  .alpha()
                  .numeric()
                  .withChars("-_.=")
                  .ofMaxLength(60)
                  .map(s -> field.equals("page_token") ? s : "ct1." + s);
          default -> wellFormed;
        };
    return Arbitraries.frequencyOf(
        Tuple.of(3, forField),
        Tuple.of(1, wellFormed),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
        Tuple.of(
            1,
            Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)),
        Tuple.of(3, wellFormed.map(s -> s + "\u0000")),
        Tuple.of(1, wellFormed.map(s -> "\u0007" + s)),
        Tuple.of(
            1,
            Arbitraries.of(
                "x".repeat(100_000),
                "\u0000".repeat(30_000),
                "\u00e9".repeat(25_000),
                "\uD83D\uDE00".repeat(6_000),
                "\uD83D lone surrogate",
                "line\nbreak\ttab\r")));
  }
}
