package io.cartprobe.trace;

import static io.cartprobe.trace.SpanAttributes.*;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spans of one run, from its result: a root span for the run; under it a span per step that
 * ran (its id the parent id the shop saw in {@code traceparent}) and per cleanup step; and, for
 * each failed attempt that was retried, an attempt span holding that attempt's steps and cleanup.
 * Everything comes from the result, which is already redacted.
 */
final class RunSpans {

  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final Optional<String> location;
  private final IdGenerator ids;

  RunSpans(Resource resource, InstrumentationScopeInfo scope, Optional<String> location,
      IdGenerator ids) {
    this.resource = resource;
    this.scope = scope;
    this.location = location;
    this.ids = ids;
  }

  /** An attempt's span, where its steps and cleanup go, and when it began. */
  private record Attempt(int number, SpanContext context, long start, List<StepResult> steps,
      Optional<Failure> failure, List<StepResult> cleanup) {}

  /** Empty for a result that has no trace of its own (read back from JSON). */
  List<SpanData> of(ProbeResult result) {
    if (!TraceId.isValid(result.traceId()) || !SpanId.isValid(result.spanId())) {
      return List.of();
    }
    SpanContext root = context(result.traceId(), result.spanId());
    long runStart = nanos(result.startedAt());
    List<Attempt> attempts = new ArrayList<>();
    for (ProbeResult.EarlierAttempt a : result.earlierAttempts()) {
      attempts.add(new Attempt(a.number(), context(result.traceId(), ids.generateSpanId()),
          firstStart(a.steps(), runStart), ran(a.steps()), Optional.of(a.failure()),
          new ArrayList<>()));
    }
    Attempt last = new Attempt(result.attempts(), root, firstStart(result.steps(), runStart),
        ran(result.steps()), result.failure(), new ArrayList<>());
    attempts.add(last);
    // Each attempt's cleanup ran right after its steps: a cleanup step belongs to the latest
    // attempt that started before it.
    for (StepResult c : ran(result.cleanup())) {
      long start = stepStart(c, runStart);
      attempts.stream().filter(a -> a.start() <= start).reduce((x, y) -> y).orElse(last)
          .cleanup().add(c);
    }

    List<SpanData> spans = new ArrayList<>();
    long rootEnd = runStart + result.duration().toNanos();
    for (Attempt attempt : attempts) {
      long end = attempt.start();
      for (StepResult step : attempt.steps()) {
        spans.add(step(step, attempt.context(), attempt.number(), false, runStart));
        end = Math.max(end, stepEnd(step, runStart));
      }
      for (StepResult c : attempt.cleanup()) {
        spans.add(step(c, attempt.context(), attempt.number(), true, runStart));
        end = Math.max(end, stepEnd(c, runStart));
      }
      if (attempt != last) {
        spans.add(attemptSpan(attempt, root, end));
      }
      rootEnd = Math.max(rootEnd, end);
    }
    spans.add(rootSpan(result, root, runStart, rootEnd));
    return spans;
  }

  private SpanData rootSpan(ProbeResult r, SpanContext root, long start, long end) {
    AttributesBuilder a = Attributes.builder()
        .put(PROBE, r.probe())
        .put(ENV, r.environment())
        .put(PROBE_TYPE, r.probeType().wireName())
        .put(VERDICT, r.verdict().wireName())
        .put(ATTEMPTS, r.attempts())
        .put(FLOW_DURATION, r.duration().toNanos() / 1e9);
    location.ifPresent(l -> a.put(LOCATION, l));
    r.failure().ifPresent(f -> failure(a, f));
    r.probableCause().ifPresent(c -> a.put(PROBABLE_CAUSE, c.summary()));
    StatusData status = r.verdict() == Verdict.FAILURE
        ? StatusData.create(StatusCode.ERROR, r.failure().map(Failure::message).orElse(""))
        : StatusData.unset();
    if (!r.variant().isEmpty()) {
      a.put(SpanAttributes.VARIANT, r.variant());
    }
    return span(r.title(), SpanKind.INTERNAL, root,
        SpanContext.getInvalid(), status, start, end, a.build(), List.of());
  }

  private SpanData attemptSpan(Attempt attempt, SpanContext root, long end) {
    AttributesBuilder a = Attributes.builder().put(ATTEMPT, attempt.number());
    attempt.failure().ifPresent(f -> failure(a, f));
    StatusData status = StatusData.create(StatusCode.ERROR,
        attempt.failure().map(Failure::message).orElse(""));
    return span("attempt " + attempt.number(), SpanKind.INTERNAL, attempt.context(), root,
        status, attempt.start(), end, a.build(), List.of());
  }

  private SpanData step(StepResult s, SpanContext parent, int attempt, boolean cleanup,
      long runStart) {
    AttributesBuilder a = Attributes.builder()
        .put(STEP, s.name())
        .put(COMPONENT, s.component())
        .put(STEP_STATUS, s.status().wireName())
        .put(ATTEMPT, attempt)
        .put(HTTP_METHOD, s.method());
    if (!s.url().isBlank()) {
      a.put(URL, s.url());
    }
    s.httpStatus().ifPresent(code -> a.put(HTTP_STATUS, code));
    s.reason().ifPresent(r -> a.put(ERROR_TYPE, r.wireName()));
    s.message().ifPresent(m -> a.put(FAILURE_MESSAGE, m));
    s.classification().ifPresent(c -> a.put(CLASSIFICATION, c));
    if (cleanup) {
      a.put(CLEANUP, true);
    }
    long start = stepStart(s, runStart);
    long end = stepEnd(s, runStart);
    List<EventData> events = new ArrayList<>();
    for (AssertionResult check : s.assertions()) {
      if (!check.passed()) {
        events.add(EventData.create(end, "assertion failed", Attributes.of(CHECK, check.check(),
            EXPECTED, check.expected(), ACTUAL, check.actual())));
      }
    }
    StatusData status = s.status() == StepStatus.FAILED
        ? StatusData.create(StatusCode.ERROR, s.message().orElse(""))
        : StatusData.unset();
    String name = (cleanup ? "cleanup " : "") + s.name();
    return span(name, SpanKind.CLIENT, context(parent.getTraceId(), s.spanId()), parent, status,
        start, end, a.build(), events);
  }

  private static void failure(AttributesBuilder a, Failure f) {
    a.put(FAILED_STEP, f.step()).put(FAILED_COMPONENT, f.component())
        .put(FAILURE_REASON, f.reason().wireName()).put(FAILURE_MESSAGE, f.message());
    f.classification().ifPresent(c -> a.put(CLASSIFICATION, c));
  }

  private SpanData span(String name, SpanKind kind, SpanContext self, SpanContext parent,
      StatusData status, long start, long end, Attributes attributes, List<EventData> events) {
    return new RecordedSpan(name, kind, self, parent, status, start, end, attributes, events,
        resource, scope);
  }

  /** The steps that ran and so have a span; skipped ones did not run. */
  private static List<StepResult> ran(List<StepResult> steps) {
    return steps.stream()
        .filter(s -> s.status() != StepStatus.SKIPPED && SpanId.isValid(s.spanId()))
        .toList();
  }

  private static long firstStart(List<StepResult> steps, long fallback) {
    return ran(steps).stream().findFirst().map(s -> stepStart(s, fallback)).orElse(fallback);
  }

  private static long stepStart(StepResult s, long runStart) {
    return s.startedAt().map(RunSpans::nanos).orElse(runStart);
  }

  private static long stepEnd(StepResult s, long runStart) {
    return stepStart(s, runStart) + Math.max(0, s.duration().toNanos());
  }

  private static SpanContext context(String traceId, String spanId) {
    return SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
