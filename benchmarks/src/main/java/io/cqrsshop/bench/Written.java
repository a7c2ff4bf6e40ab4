package io.cqrsshop.bench;

/** An aggregate the harness created or changed: its id, new version and consistency token. */
public record Written(String id, long version, String consistencyToken) {}
