package io.cqrsshop.command.application.user;

import io.cqrsshop.command.domain.ExpectedVersion;
import java.util.UUID;

/** Change a user's name. */
public record RenameUser(UUID userId, ExpectedVersion expectedVersion, String name) {}
