package io.cqrsshop.command.domain.user;

import java.time.Instant;

/** One address a user has had, and since when. */
public record EmailChange(Email email, Instant changeTime) {}
