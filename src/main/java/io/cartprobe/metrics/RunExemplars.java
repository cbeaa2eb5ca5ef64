package io.cartprobe.metrics;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * Exemplars for the duration histograms: while a run's durations are recorded, that run's trace
 * and span ids are the current OpenTelemetry span context, and the Prometheus registry's exemplar
 * sampler reads them from there. In the OpenMetrics exposition a bucket then links to the trace
 * of a run that fell into it (Grafana: "exemplars" on a latency panel), rate-limited by the
 * sampler to one exemplar per bucket every few seconds.
 */
final class RunExemplars implements io.prometheus.metrics.tracer.common.SpanContext {

  /** Makes {@code traceId}/{@code spanId} current until the scope closes; a no-op if invalid. */
  static Scope during(String traceId, String spanId) {
    if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId)) {
      return Scope.noop();
    }
    SpanContext run = SpanContext.create(traceId, spanId, TraceFlags.getSampled(),
        TraceState.getDefault());
    return Context.root().with(Span.wrap(run)).makeCurrent();
  }

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
