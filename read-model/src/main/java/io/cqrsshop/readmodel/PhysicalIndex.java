package io.cqrsshop.readmodel;

/**
 * One physical index of a read model: its name, the version and rebuild generation its name
 * encodes, whether the read model's alias points at it (whether queries read it), and whether it is
 * live (complete and kept current by the projectors of its version; see {@link
 * IndexNames#liveAlias}).
 */
public record PhysicalIndex(
    ReadModel model, String name, int version, int generation, boolean serving, boolean live) {}
