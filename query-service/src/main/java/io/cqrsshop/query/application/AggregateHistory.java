package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.HistoryDocument;

/** The history read model: every event of every aggregate. */
public interface AggregateHistory {

  /** One aggregate's events, newest first. */
  Page<HistoryDocument> list(HistoryListing listing);
}
