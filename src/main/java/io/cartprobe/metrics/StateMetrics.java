package io.cartprobe.metrics;

import io.cartprobe.state.AgentState;
import io.cartprobe.state.StateListener;
import io.cartprobe.state.StateProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state database's health: its size, whether it is being written, what went wrong. Bound to
 * the state once it is open ({@link #watch}); the counters count from the agent's start.
 */
public final class StateMetrics implements StateListener {

  static final String SIZE = "cartprobe.state.size"; // cartprobe_state_size_bytes
  static final String WRITABLE = "cartprobe.state.writable"; // cartprobe_state_writable
  static final String RESETS = "cartprobe.state.resets"; // cartprobe_state_resets_total
  static final String FAILURES = "cartprobe.state.write.failures"; // ..._write_failures_total
  static final String DROPPED = "cartprobe.state.writes.dropped"; // ..._writes_dropped_total

  private final MeterRegistry registry;
  private final AtomicReference<AgentState> state = new AtomicReference<>();
  private final Counter dropped;

  public StateMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(SIZE, state, s -> s.get() == null ? 0 : s.get().sizeBytes())
        .description("Bytes the state database takes on disk (with its write-ahead log)")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
    Gauge.builder(WRITABLE, state, s -> s.get() == null || s.get().health().writable() ? 1 : 0)
        .description("1 while state is being saved; 0 while the state file cannot be written "
            + "(read-only, disk full): probing goes on, /readyz says why")
        .strongReference(true)
        .register(registry);
    this.dropped = Counter.builder(DROPPED)
        .description("State writes given up on (queue full while the disk failed, or a bad write)")
        .register(registry);
  }

  public void watch(AgentState opened) {
    state.set(opened);
  }

  @Override
  public void movedAside(StateProblem why) {
    Counter.builder(RESETS)
        .description("State files moved aside at start (corrupt, foreign) for a fresh one")
        .tag("reason", why.wireName())
        .register(registry)
        .increment();
  }

  @Override
  public void writeFailed(StateProblem why) {
    Counter.builder(FAILURES)
        .description("Batches the state writer could not commit, by problem (retried)")
        .tag("problem", why.wireName())
        .register(registry)
        .increment();
  }

  @Override
  public void writesDropped(int count) {
    dropped.increment(count);
  }
}
