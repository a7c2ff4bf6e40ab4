package io.cqrsshop.command.infrastructure.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.cqrsshop.proto.v1.AdjustProductStockResponse;
import io.cqrsshop.proto.v1.CreateProductResponse;
import io.cqrsshop.proto.v1.DiscontinueProductResponse;
import io.cqrsshop.proto.v1.Money;
import io.cqrsshop.proto.v1.PlaceOrderResponse;
import io.cqrsshop.shared.AggregateType;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.ConsistencyToken;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The form of a command's answer in the JSON column {@code command_requests.result}: {@code
 * {"response": base64}}, the bytes of the response its first run got.
 *
 * <p>The release before this one stored the JSON of its result record there instead ({@code
 * Receipt}, {@code StockReceipt} or {@code OrderReceipt}), and its rows live on for the retention
 * period, written meanwhile by its replicas during a rolling update. Those are read into the bytes
 * the response would have had: every v1 command response has one of four field layouts, and the
 * record's shape says which one (a receipt at version 1 is a new product or user). Remove this
 * reading one retention period after every replica runs this release.
 */
final class StoredResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredResponses() {}

  /**
   * The stored form of a response: its bytes, and beside them the fields the release before this
   * one reads (it ignores unknown fields), so that one of its replicas still running during a
   * rolling update answers a repeat of a command this release ran. Remove those fields with the
   * reading of old rows.
   */
  static String json(byte[] response) {
    ObjectNode stored = JsonNodeFactory.instance.objectNode();
    stored.put("response", Base64.getEncoder().encodeToString(response));
    earlierReleaseFields(response, stored);
    return stored.toString();
  }

  /**
   * Every v1 command response has one of four layouts: an id (field 1, text), version and token
   * (CreateProduct, CreateUser), plus the total (field 4, PlaceOrder); or version (field 1, number)
   * and token, plus the stock (field 3, AdjustProductStock). The token names what the command
   * wrote, the addressed aggregate first. Written as the superset of the earlier release's result
   * records (Receipt, StockReceipt, OrderReceipt): each of its readers takes its fields.
   */
  private static void earlierReleaseFields(byte[] response, ObjectNode stored) {
    UnknownFieldSet fields;
    try {
      fields = UnknownFieldSet.parseFrom(response);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a command response is not a protobuf message", e);
    }
    boolean idFirst = !fields.getField(1).getLengthDelimitedList().isEmpty();
    UnknownFieldSet.Field tokenField = fields.getField(idFirst ? 3 : 2);
    if (tokenField.getLengthDelimitedList().isEmpty()) {
      return;
    }
    List<AggregateVersion> writes =
        ConsistencyToken.decode(tokenField.getLengthDelimitedList().getFirst().toStringUtf8())
            .orElseThrow(() -> new IllegalStateException("a response holds no consistency token"))
            .writes();
    ObjectNode receipt = stored.putObject("receipt");
    for (ObjectNode node : List.of(stored, receipt)) {
      node.set("written", aggregate(writes.getFirst()));
      ArrayNode all = node.putArray("writes");
      writes.forEach(write -> all.add(aggregate(write)));
    }
    if (!idFirst) {
      List<Long> stock = fields.getField(3).getVarintList();
      stored.put("stock", stock.isEmpty() ? 0 : stock.getFirst());
    } else if (!fields.getField(4).getLengthDelimitedList().isEmpty()) {
      try {
        Money total = Money.parseFrom(fields.getField(4).getLengthDelimitedList().getFirst());
        stored
            .putObject("total")
            .put("currencyCode", total.getCurrencyCode())
            .put("amountMinor", total.getAmountMinor());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a PlaceOrder response's total is unreadable", e);
      }
    }
  }

  private static ObjectNode aggregate(AggregateVersion write) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("type", write.type().name())
        .put("id", write.id().toString())
        .put("version", write.version());
  }

  static byte[] response(String json) {
    JsonNode stored;
    try {
      stored = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored command result is unreadable", e);
    }
    if (stored.has("response")) {
      return Base64.getDecoder().decode(stored.get("response").asText());
    }
    return earlierRelease(stored).toByteArray();
  }

  private static com.google.protobuf.Message earlierRelease(JsonNode result) {
    if (result.has("stock")) {
      JsonNode receipt = result.get("receipt");
      return AdjustProductStockResponse.newBuilder()
          .setVersion(version(receipt))
          .setConsistencyToken(token(receipt))
          .setStock(result.get("stock").asLong())
          .build();
    }
    if (result.has("total")) {
      JsonNode receipt = result.get("receipt");
      JsonNode total = result.get("total");
      return PlaceOrderResponse.newBuilder()
          .setOrderId(receipt.get("written").get("id").asText())
          .setVersion(version(receipt))
          .setConsistencyToken(token(receipt))
          .setTotal(
              Money.newBuilder()
                  .setCurrencyCode(total.get("currencyCode").asText())
                  .setAmountMinor(total.get("amountMinor").asLong()))
          .build();
    }
    if (version(result) == 1) {
      // CreateUserResponse has the same fields, numbered the same.
      return CreateProductResponse.newBuilder()
          .setProductId(result.get("written").get("id").asText())
          .setVersion(1)
          .setConsistencyToken(token(result))
          .build();
    }
    // Every other receipt-only response has the same fields, numbered the same.
    return DiscontinueProductResponse.newBuilder()
        .setVersion(version(result))
        .setConsistencyToken(token(result))
        .build();
  }

  private static long version(JsonNode receipt) {
    return receipt.get("written").get("version").asLong();
  }

  private static String token(JsonNode receipt) {
    List<AggregateVersion> writes = new ArrayList<>();
    for (JsonNode write : receipt.get("writes")) {
      writes.add(
          new AggregateVersion(
              AggregateType.valueOf(write.get("type").asText()),
              UUID.fromString(write.get("id").asText()),
              write.get("version").asLong()));
    }
    return new ConsistencyToken(writes).encode();
  }
}
