package io.cqrsshop.command.api;

import io.cqrsshop.shared.Violations;
import java.util.function.Supplier;

/**
 * Checks every field of a request, recording each bad one, and returns how to build the command;
 * the supplier may only be called when no violation was recorded.
 */
@FunctionalInterface
interface RequestParser<Q, C> {

  Supplier<C> parse(Q request, Violations violations);
}
