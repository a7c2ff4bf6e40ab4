package io.cqrsshop.query.application;

import java.util.Optional;

/**
 * A page of one customer's orders, newest first.
 *
 * @param status only orders in this status (an {@code OrderDocument.STATUS_*}); empty for any
 */
public record CustomerOrderListing(
    String customerId, Optional<String> status, int pageSize, Optional<PageCursor> after) {}
