package io.cartprobe.alert;

import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertCondition.CertExpiresWithin;
import io.cartprobe.config.AlertCondition.ConfigChangedWithin;
import io.cartprobe.config.AlertCondition.LatencyP95;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Words an instance's evidence as a notification: which step broke, who owns it, why, expected
 * vs actual, the trace id, and what probably caused it. Every {@code when} form is worded in the
 * same {@link FailureDetail} shape, so each format renders one thing.
 */
final class NotificationBuilder {

  /** What the engine knows about the instance's pair when it builds the notification. */
  record Evidence(
      Optional<ProbeResult> lastResult,
      Optional<ProbeResult> lastFailed,
      List<ConfigChanges.Change> ownChanges) {}

  private final Map<String, String> agentLabels;
  private final Supplier<String> ids;

  NotificationBuilder(Map<String, String> agentLabels, Supplier<String> ids) {
    this.agentLabels = Map.copyOf(agentLabels);
    this.ids = ids;
  }

  String newId() {
    return ids.get();
  }

  AlertEvent firing(AlertInstance instance, Evaluation evaluation, Evidence evidence,
      Duration probeInterval, Optional<AlertEvent.VariantTally> variants, Instant now) {
    AlertCondition when = instance.rule.when();
    Optional<ProbeResult> source = switch (when) {
      case LatencyP95 l -> evidence.lastResult();
      case CertExpiresWithin c -> evidence.lastResult();
      case ConfigChangedWithin c -> evidence.lastResult();
      default -> evidence.lastFailed().or(evidence::lastResult);
    };
    Optional<FailureDetail> detail = switch (when) {
      case LatencyP95 l -> source.flatMap(r -> slowest(r, evaluation));
      case CertExpiresWithin c -> source.flatMap(r -> certificate(r, c));
      case ConfigChangedWithin c -> changed(instance, evidence.ownChanges(), source);
      default -> source.flatMap(NotificationBuilder::failed);
    };
    Optional<ProbableCause> cause = switch (when) {
      case ConfigChangedWithin c -> evidence.ownChanges().isEmpty()
          ? Optional.empty()
          : Optional.of(ownCause(instance, evidence.ownChanges().getLast()));
      default -> source.flatMap(ProbeResult::probableCause);
    };
    Instant began = instance.firstFailureAt != null ? instance.firstFailureAt : now;
    return new AlertEvent(ids.get(), EventKind.FIRING, now, instance.key.alert(),
        instance.rule.severity(), instance.key.probe(), instance.key.env(), agentLabels,
        evaluation.describe(), instance.since, Optional.empty(), began, instance.failures, detail,
        source.map(ProbeResult::traceId).filter(t -> !t.isBlank()), cause,
        instance.rule.runbook(), probeInterval, instance.rule.webhooks(),
        cause.isPresent() ? Optional.empty() : source.flatMap(NotificationBuilder::noEvidence),
        source.filter(ProbeResult::failed).map(r -> r.providerStatus().stream()
            .flatMap(p -> p.findings().stream()).toList()).orElse(List.of()),
        instance.key.variant(), variants);
  }

  AlertEvent resolved(AlertEvent lastFiring, AlertInstance instance, Instant now) {
    return new AlertEvent(ids.get(), EventKind.RESOLVED, now, lastFiring.alert(),
        lastFiring.severity(), lastFiring.probe(), lastFiring.env(), lastFiring.agentLabels(),
        lastFiring.condition(), lastFiring.startsAt(), Optional.of(now), lastFiring.failuresBegan(),
        instance.failures, lastFiring.failure(), lastFiring.traceId(), lastFiring.probableCause(),
        lastFiring.runbook(), lastFiring.probeInterval(), lastFiring.webhooks(),
        lastFiring.causeNote(), lastFiring.providerStatus(), lastFiring.variant(),
        lastFiring.variants());
  }

  private static Optional<FailureDetail> failed(ProbeResult result) {
    return result.failure().map(f -> new FailureDetail(f.step(), f.component(),
        f.reason().wireName(), f.message(), f.expected(), f.actual(), f.classification(),
        excerpt(result, f), artifacts(result, f)));
  }

  private static Optional<String> artifacts(ProbeResult result, Failure failure) {
    return result.steps().stream().filter(s -> s.name().equals(failure.step())).findFirst()
        .flatMap(StepResult::browser).flatMap(b -> b.artifacts());
  }

  private static Optional<String> excerpt(ProbeResult result, Failure failure) {
    return result.steps().stream()
        .filter(s -> s.name().equals(failure.step()))
        .findFirst()
        .flatMap(StepResult::bodyExcerpt);
  }

  private static Optional<FailureDetail> slowest(ProbeResult result, Evaluation evaluation) {
    return result.steps().stream()
        .max(Comparator.comparing(StepResult::duration))
        .map(s -> new FailureDetail(s.name(), s.component(), "latency",
            "slowest step of the latest run took " + Durations.latency(s.duration()),
            Optional.empty(), Optional.of(Durations.latency(result.duration()) + " (whole run)"),
            Optional.empty(), Optional.empty()));
  }

  private static Optional<FailureDetail> certificate(ProbeResult result, CertExpiresWithin rule) {
    return result.steps().stream()
        .filter(s -> s.certNotAfter().isPresent())
        .min(Comparator.comparing(s -> s.certNotAfter().orElseThrow()))
        .map(s -> new FailureDetail(s.name(), s.component(), "cert_expiry",
            "TLS certificate of " + s.url() + " expires soon",
            Optional.of("valid for at least " + Durations.human(rule.within())),
            Optional.of("expires at " + s.certNotAfter().orElseThrow()),
            Optional.empty(), Optional.empty()));
  }

  private static Optional<FailureDetail> changed(AlertInstance instance,
      List<ConfigChanges.Change> changes, Optional<ProbeResult> lastResult) {
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    ConfigChanges.Change last = changes.getLast();
    String component = lastResult.flatMap(r -> r.steps().stream().findFirst())
        .map(StepResult::component).orElse("payment-gateway");
    List<ProbableCause.FieldChange> fields = last.changes();
    return Optional.of(new FailureDetail(instance.key.probe(), component, "config_changed",
        "watched fields changed: "
            + String.join(", ", fields.stream().map(ProbableCause.FieldChange::path).toList()),
        Optional.of(String.join(", ", fields.stream().map(f -> f.path() + " = " + f.before()).toList())),
        Optional.of(String.join(", ", fields.stream().map(f -> f.path() + " = " + f.after()).toList())),
        Optional.empty(), Optional.empty()));
  }

  private static ProbableCause ownCause(AlertInstance instance, ConfigChanges.Change change) {
    return new ProbableCause(instance.key.probe(), instance.key.env(), change.at(),
        change.changes(), Optional.empty(), ProbableCause.Confidence.LIKELY,
        "this alert watches " + instance.key.probe() + "'s configuration, and it changed");
  }

  /** Attribution's plain "no gateway evidence: ..." note on the result, if it left one. */
  private static Optional<String> noEvidence(ProbeResult result) {
    return result.notes().stream().filter(n -> n.startsWith(ProbableCause.NO_EVIDENCE)).findFirst();
  }
}
