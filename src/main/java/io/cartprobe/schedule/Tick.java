package io.cartprobe.schedule;

import java.time.Instant;

/** A pair that came due: its planned start, jitter included, against which lag is measured. */
public record Tick(PairKey pair, Instant planned) {}
