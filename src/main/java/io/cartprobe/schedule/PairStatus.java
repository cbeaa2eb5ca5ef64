package io.cartprobe.schedule;

import java.time.Instant;

/** A pair as the scheduler sees it now, for {@code /api/status} and the status page. */
public record PairStatus(ScheduledPair pair, Instant nextDue, boolean failing, boolean running) {}
