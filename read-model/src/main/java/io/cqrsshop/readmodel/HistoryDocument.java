package io.cqrsshop.readmodel;

import java.time.Instant;
import java.util.List;

/**
 * One event of one aggregate in the {@link ReadModel#HISTORY} index, keyed by {@code eventId}: when
 * it happened, which request caused it, and what it changed.
 *
 * @param aggregateType the aggregate's wire name, e.g. {@code product}
 * @param version the aggregate's version after the event
 * @param eventType the event's name, e.g. {@code ProductPriceChanged}
 */
public record HistoryDocument(
    String eventId,
    String aggregateType,
    String aggregateId,
    long version,
    String eventType,
    Instant occurredAt,
    String requestId,
    List<Change> changes) {

  /**
   * One field the event changed, with its values before and after in a readable form (an empty
   * {@code oldValue} when the field had none, or when the event does not say).
   */
  public record Change(String field, String oldValue, String newValue) {}

  /** Field names for queries. */
  public static final class Fields {
    public static final String AGGREGATE_TYPE = "aggregate_type";
    public static final String AGGREGATE_ID = "aggregate_id";
    public static final String VERSION = "version";
    public static final String EVENT_ID = "event_id";

    private Fields() {}
  }
}
