package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.HistoryDocument;
import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.shared.Outcome;

/** Answers ListAggregateHistory: a page of one aggregate's events, newest first. */
public final class ListingAggregateHistory {

  private final ReadYourWrites readYourWrites;
  private final AggregateHistory history;

  public ListingAggregateHistory(ReadYourWrites readYourWrites, AggregateHistory history) {
    this.readYourWrites = readYourWrites;
    this.history = history;
  }

  public Outcome<Page<HistoryDocument>> list(HistoryListing listing, ReadConsistency consistency) {
    return readYourWrites
        .await(ReadModel.HISTORY, Visibility.SEARCH, consistency)
        .map(ready -> history.list(listing));
  }
}
