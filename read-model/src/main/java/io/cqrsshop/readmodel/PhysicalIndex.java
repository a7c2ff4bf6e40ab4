package io.cqrsshop.readmodel;

/**
 * One physical index of a read model: its name, the version and rebuild generation its name
 * encodes, and whether the read model's alias points at it (whether queries read it).
 */
public record PhysicalIndex(
    ReadModel model, String name, int version, int generation, boolean serving) {}
