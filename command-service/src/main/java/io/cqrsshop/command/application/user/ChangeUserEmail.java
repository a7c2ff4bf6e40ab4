package io.cqrsshop.command.application.user;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.user.Email;
import java.util.UUID;

/** Change a user's address. */
public record ChangeUserEmail(UUID userId, ExpectedVersion expectedVersion, Email email) {}
