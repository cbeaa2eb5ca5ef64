package io.cartprobe.probe;

import io.cartprobe.config.ProviderStatusProbe;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import java.util.List;
import java.util.Optional;

/**
 * Judges a provider-status probe's answer: a page that reports an unresolved incident touching
 * the watched components, or a watched component that is not operational, fails the step with
 * reason {@code provider_incident}; an answer that is not a Statuspage summary fails it with
 * reason {@code body}. The reading goes into the result either way.
 */
final class ProviderCheck {

  /** The JSONPath the step records the whole page under (its {@code watched} value). */
  static final List<String> WHOLE_PAGE = List.of("$");

  /** @param outcome the step judged, without the page text (never kept as watched values) */
  record Judged(StepOutcome outcome, List<ProviderStatus> reading) {}

  private ProviderCheck() {}

  static Judged judge(ProviderStatusProbe probe, String environment, StepOutcome sent) {
    if (sent.failed()) {
      return new Judged(new StepOutcome(sent.result(), sent.mayHaveReachedServer(),
          sent.safeToResend(), sent.problem()), List.of());
    }
    String page = sent.watched().get("$");
    if (page == null) {
      return new Judged(failed(sent, StepProblem.of(FailureReason.BODY,
          "the answer is not JSON (expected a Statuspage /api/v2/summary.json)")), List.of());
    }
    return switch (StatusPageSummary.parse(page)) {
      case StatusPageSummary.Parsed.NotASummary n ->
          new Judged(failed(sent, StepProblem.of(FailureReason.BODY, n.why())), List.of());
      case StatusPageSummary.Parsed.Summary s -> {
        ProviderStatus reading = s.summary().reading(probe.name(), environment, probe.components());
        StepOutcome judged = reading.troubled()
            ? failed(sent, new StepProblem(FailureReason.PROVIDER_INCIDENT, message(reading),
                Optional.of("no open incident, watched components operational"),
                Optional.of(String.join("; ", reading.findings()))))
            : new StepOutcome(sent.result(), sent.mayHaveReachedServer(), sent.safeToResend(),
                sent.problem());
        yield new Judged(judged, List.of(reading));
      }
    };
  }

  /** "provider reports 'Elevated declines for Amex' (investigating, minor) since 10:04Z". */
  static String message(ProviderStatus reading) {
    List<String> parts = new java.util.ArrayList<>();
    reading.incidents().forEach(i -> parts.add(i.summary()));
    reading.degraded().forEach((name, status) -> parts.add(name + " " + status));
    return "provider reports " + String.join("; ", parts);
  }

  /** The step as sent, now failed: its status, timings and assertions stay as they were. */
  private static StepOutcome failed(StepOutcome sent, StepProblem problem) {
    StepResult r = sent.result();
    StepResult failed = new StepResult(r.name(), r.component(), StepStatus.FAILED, r.method(),
        r.url(), r.httpStatus(), r.duration(), r.timings(), r.assertions(),
        Optional.of(problem.reason()), Optional.of(problem.message()), r.bodyExcerpt(),
        r.classification(), r.certNotAfter(), r.extracted(), r.spanId(), r.startedAt(),
        r.browser(), r.http(), r.exchange());
    return new StepOutcome(failed, sent.mayHaveReachedServer(), sent.safeToResend(),
        Optional.of(problem));
  }
}
