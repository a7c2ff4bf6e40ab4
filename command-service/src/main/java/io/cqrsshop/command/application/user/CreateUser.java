package io.cqrsshop.command.application.user;

import io.cqrsshop.command.domain.user.Email;

/** Register a user. */
public record CreateUser(Email email, String name) {}
