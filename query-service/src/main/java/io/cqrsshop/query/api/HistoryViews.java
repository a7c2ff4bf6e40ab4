package io.cqrsshop.query.api;

import io.cqrsshop.proto.v1.FieldChange;
import io.cqrsshop.proto.v1.HistoryEvent;
import io.cqrsshop.proto.v1.ListAggregateHistoryResponse;
import io.cqrsshop.query.application.Page;
import io.cqrsshop.readmodel.HistoryDocument;

/** Maps history documents to the audit trail view. */
final class HistoryViews {

  private HistoryViews() {}

  static ListAggregateHistoryResponse listResponse(
      Page<HistoryDocument> page, PageTokens pageTokens, String fingerprint) {
    ListAggregateHistoryResponse.Builder response = ListAggregateHistoryResponse.newBuilder();
    page.items().forEach(event -> response.addEvents(event(event)));
    page.next().ifPresent(next -> response.setNextPageToken(pageTokens.encode(next, fingerprint)));
    return response.build();
  }

  static HistoryEvent event(HistoryDocument document) {
    HistoryEvent.Builder event =
        HistoryEvent.newBuilder()
            .setEventId(document.eventId())
            .setAggregateVersion(document.version())
            .setEventType(ProtoValues.text(document.eventType()))
            .setRequestId(ProtoValues.text(document.requestId()));
    ProtoValues.timestamp(document.occurredAt()).ifPresent(event::setOccurTime);
    if (document.changes() != null) {
      for (HistoryDocument.Change change : document.changes()) {
        event.addChanges(
            FieldChange.newBuilder()
                .setField(ProtoValues.text(change.field()))
                .setOldValue(ProtoValues.text(change.oldValue()))
                .setNewValue(ProtoValues.text(change.newValue())));
      }
    }
    return event.build();
  }
}
