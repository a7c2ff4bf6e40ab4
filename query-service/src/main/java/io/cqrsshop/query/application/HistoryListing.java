package io.cqrsshop.query.application;

import io.cqrsshop.shared.AggregateType;
import java.util.Optional;

/** A page of one aggregate's events, newest first. */
public record HistoryListing(
    AggregateType type, String aggregateId, int pageSize, Optional<PageCursor> after) {}
