package io.cartprobe.metrics;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

/**
 * The exemplar sampler's view of the current OpenTelemetry span, for Micrometer's histograms. The
 * probe and step duration histograms carry their runs' trace ids themselves ({@link RunHistogram}).
 */
final class RunExemplars implements io.prometheus.metrics.tracer.common.SpanContext {

  @Override
  public @Nullable String getCurrentTraceId() {
    SpanContext current = Span.current().getSpanContext();
    return current.isValid() ? current.getTraceId() : null;
  }

  @Override
  public @Nullable String getCurrentSpanId() {
    SpanContext current = Span.current().getSpanContext();
    return current.isValid() ? current.getSpanId() : null;
  }

  @Override
  public boolean isCurrentSpanSampled() {
    SpanContext current = Span.current().getSpanContext();
    return current.isValid() && current.isSampled();
  }

  @Override
  public void markCurrentSpanAsExemplar() {
    // Nothing to mark: the run's spans are built from its result, and every run is exported.
  }
}
