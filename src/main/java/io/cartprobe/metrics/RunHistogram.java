package io.cartprobe.metrics;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * One duration histogram of one pair (or step): bucket counts, sum and each bucket's latest
 * exemplar as plain atomics, written straight to the exposition. Its bucket labels are built once.
 */
final class RunHistogram {

  /** The run (or step) that last fell into a bucket: OpenMetrics shows it as the bucket's exemplar. */
  private record Exemplar(String traceId, String spanId, double seconds, Instant at) {}

  private final List<Duration> bounds;
  /** {@code ,le="0.05"} … {@code ,le="+Inf"}. */
  private final String[] le;
  /** Non-cumulative: index i counts observations in (bounds[i-1], bounds[i]]; the last is +Inf. */
  private final AtomicLongArray counts;
  private final AtomicLong sumNanos = new AtomicLong();
  private final AtomicReferenceArray<@Nullable Exemplar> exemplars;

  RunHistogram(List<Duration> bounds) {
    this.bounds = List.copyOf(bounds);
    le = new String[bounds.size() + 1];
    for (int i = 0; i < bounds.size(); i++) {
      le[i] = SeriesText.le(Double.toString(bounds.get(i).toNanos() / 1e9));
    }
    le[bounds.size()] = SeriesText.le("+Inf");
    counts = new AtomicLongArray(le.length);
    exemplars = new AtomicReferenceArray<>(le.length);
  }

  List<Duration> bounds() {
    return bounds;
  }

  void record(Duration duration, String traceId, String spanId, Instant at) {
    long nanos = Math.max(0, duration.toNanos());
    int bucket = 0;
    while (bucket < bounds.size() && nanos > bounds.get(bucket).toNanos()) {
      bucket++;
    }
    counts.incrementAndGet(bucket);
    sumNanos.addAndGet(nanos);
    if (TraceId.isValid(traceId) && SpanId.isValid(spanId)) {
      exemplars.set(bucket, new Exemplar(traceId, spanId, nanos / 1e9, at));
    }
  }

  /** The _bucket, _count and _sum lines; exemplars only on buckets and only in OpenMetrics. */
  void write(StringBuilder out, String name, SeriesText.Labels labels, boolean openMetrics) {
    long cumulative = 0;
    for (int i = 0; i < le.length; i++) {
      cumulative += counts.get(i);
      out.append(name).append("_bucket{");
      SeriesText.merge(out, labels, SeriesText.Labels.NONE);
      out.append(le[i]).append("} ").append(cumulative);
      Exemplar e = openMetrics ? exemplars.get(i) : null;
      if (e != null) {
        out.append(" # {span_id=\"").append(e.spanId()).append("\",trace_id=\"")
            .append(e.traceId()).append("\"} ").append(e.seconds()).append(' ')
            .append(e.at().getEpochSecond()).append('.');
        int millis = e.at().getNano() / 1_000_000;
        out.append(millis < 10 ? "00" : millis < 100 ? "0" : "").append(millis);
      }
      out.append('\n');
    }
    // _count is the +Inf bucket as read above, so the two never disagree within a scrape.
    out.append(name).append("_count{");
    SeriesText.merge(out, labels, SeriesText.Labels.NONE);
    out.append("} ").append(cumulative).append('\n');
    SeriesText.sample(out, name + "_sum", labels, SeriesText.Labels.NONE, sumNanos.get() / 1e9);
  }
}
