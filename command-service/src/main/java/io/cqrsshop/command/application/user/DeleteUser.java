package io.cqrsshop.command.application.user;

import io.cqrsshop.command.domain.ExpectedVersion;
import java.util.UUID;

/** Delete a user, freeing the address. */
public record DeleteUser(UUID userId, ExpectedVersion expectedVersion) {}
