package io.cqrsshop.bench;

import io.cqrsshop.bench.proc.Costs;
import java.time.Duration;

/** How many operations a piece of work did, how long it took, and what each process spent. */
record Measured(long ops, Duration elapsed, Costs costs) {}
