package io.cqrsshop.command.infrastructure.persistence;

import io.cqrsshop.runtime.config.Secret;

/** Where the write model lives and how many connections commands may use at once. */
public record DatabaseSettings(String url, String user, Secret password, int poolSize) {}
