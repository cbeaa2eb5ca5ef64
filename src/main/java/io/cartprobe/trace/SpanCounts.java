package io.cartprobe.trace;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cartprobe_trace_spans_exported_total} and {@code cartprobe_trace_spans_dropped_total{reason}}:
 * whether traces reach the collector, and what a collector outage cost.
 */
final class SpanCounts {

  /** Why spans did not reach the collector; the values of the {@code reason} label. */
  enum Reason {
    /** the queue was full (the collector slow or down): the run's spans were not queued */
    QUEUE_FULL,
    /** the collector refused them, or did not answer in time */
    EXPORT_FAILED,
    /** still queued when the process stopped */
    SHUTDOWN;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counter exported;
  private final Map<Reason, Counter> dropped = new EnumMap<>(Reason.class);

  SpanCounts(MeterRegistry registry) {
    exported = Counter.builder("cartprobe.trace.spans.exported")
        .description("Spans of probe run traces the OTLP collector accepted")
        .register(registry);
    for (Reason reason : Reason.values()) {
      dropped.put(reason, Counter.builder("cartprobe.trace.spans.dropped")
          .description("Spans of probe run traces that were not exported, by reason")
          .tag("reason", reason.wireName())
          .register(registry));
    }
  }

  void exported(int spans) {
    exported.increment(spans);
  }

  void dropped(Reason reason, int spans) {
    if (spans > 0) {
      dropped.get(reason).increment(spans);
    }
  }

  long droppedTotal() {
    return Math.round(dropped.values().stream().mapToDouble(Counter::count).sum());
  }
}
