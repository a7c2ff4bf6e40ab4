package io.cqrsshop.query.application;

import java.util.Optional;

/**
 * A page of live users by name.
 *
 * @param filter words or word prefixes that must each match the name or the email; empty for all
 */
public record UserListing(String filter, int pageSize, Optional<PageCursor> after) {}
