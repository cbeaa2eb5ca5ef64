package io.cartprobe.alert;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.cartprobe.result.ProbableCause;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One notification: everything a webhook format renders. Built once by the engine so every
 * format says the same thing, and serialisable (as {@link EventJson}) so it survives a restart in
 * the state file.
 *
 * @param id unique per notification; webhooks use it (with the URL) as the delivery id
 * @param at when the engine decided to send it
 * @param condition the {@code when} in words, with the observed value ("3 consecutive failures")
 * @param startsAt when the instance started firing
 * @param endsAt when it resolved; empty while firing
 * @param failuresBegan when the bad runs (or the change) that made it fire began
 * @param failedRuns how many runs were bad in this episode (changes, for config_changed_within)
 * @param probeInterval the probe's interval; alertmanager-api derives endsAt from it
 * @param webhooks the rule's {@code notify} list
 * @param causeNote when no probable cause is named for a failed checkout, why ("no gateway
 *     evidence: ..."), so the receiver knows it was looked for
 * @param providerStatus what the failing step's provider says on its status page while it
 *     reports trouble, one line each ("provider status: 'Elevated declines for Amex'
 *     (investigating, minor) since 10:04Z"); empty otherwise
 * @param variant the variant of the probe's matrix; {@code ""} for a probe without one
 * @param variants for a probe with a matrix, how many of its variants in this environment were
 *     failing when the notification was worded, and which
 */
@JsonSerialize(converter = EventJson.FromEvent.class)
@JsonDeserialize(converter = EventJson.ToEvent.class)
public record AlertEvent(
    String id,
    EventKind kind,
    Instant at,
    String alert,
    String severity,
    String probe,
    String env,
    Map<String, String> agentLabels,
    String condition,
    Instant startsAt,
    Optional<Instant> endsAt,
    Instant failuresBegan,
    int failedRuns,
    Optional<FailureDetail> failure,
    Optional<String> traceId,
    Optional<ProbableCause> probableCause,
    Optional<String> runbook,
    Duration probeInterval,
    List<String> webhooks,
    Optional<String> causeNote,
    List<String> providerStatus,
    String variant,
    Optional<VariantTally> variants) {

  public AlertEvent {
    agentLabels = Collections.unmodifiableMap(new LinkedHashMap<>(agentLabels));
    webhooks = List.copyOf(webhooks);
    providerStatus = providerStatus == null ? List.of() : List.copyOf(providerStatus);
    variant = variant == null ? "" : variant;
    variants = variants == null ? Optional.empty() : variants;
  }

  /** A notification of a probe without a matrix. */
  public AlertEvent(String id, EventKind kind, Instant at, String alert, String severity,
      String probe, String env, Map<String, String> agentLabels, String condition,
      Instant startsAt, Optional<Instant> endsAt, Instant failuresBegan, int failedRuns,
      Optional<FailureDetail> failure, Optional<String> traceId,
      Optional<ProbableCause> probableCause, Optional<String> runbook, Duration probeInterval,
      List<String> webhooks, Optional<String> causeNote) {
    this(id, kind, at, alert, severity, probe, env, agentLabels, condition, startsAt, endsAt,
        failuresBegan, failedRuns, failure, traceId, probableCause, runbook, probeInterval,
        webhooks, causeNote, List.of(), "", Optional.empty());
  }

  /** A notification of a probe without a matrix, with what its provider's page says. */
  public AlertEvent(String id, EventKind kind, Instant at, String alert, String severity,
      String probe, String env, Map<String, String> agentLabels, String condition,
      Instant startsAt, Optional<Instant> endsAt, Instant failuresBegan, int failedRuns,
      Optional<FailureDetail> failure, Optional<String> traceId,
      Optional<ProbableCause> probableCause, Optional<String> runbook, Duration probeInterval,
      List<String> webhooks, Optional<String> causeNote, List<String> providerStatus) {
    this(id, kind, at, alert, severity, probe, env, agentLabels, condition, startsAt, endsAt,
        failuresBegan, failedRuns, failure, traceId, probableCause, runbook, probeInterval,
        webhooks, causeNote, providerStatus, "", Optional.empty());
  }

  /** A notification of a variant, without provider findings. */
  public AlertEvent(String id, EventKind kind, Instant at, String alert, String severity,
      String probe, String env, Map<String, String> agentLabels, String condition,
      Instant startsAt, Optional<Instant> endsAt, Instant failuresBegan, int failedRuns,
      Optional<FailureDetail> failure, Optional<String> traceId,
      Optional<ProbableCause> probableCause, Optional<String> runbook, Duration probeInterval,
      List<String> webhooks, Optional<String> causeNote, String variant,
      Optional<VariantTally> variants) {
    this(id, kind, at, alert, severity, probe, env, agentLabels, condition, startsAt, endsAt,
        failuresBegan, failedRuns, failure, traceId, probableCause, runbook, probeInterval,
        webhooks, causeNote, List.of(), variant, variants);
  }

  /**
   * How many variants of the probe (in the notification's environment) were failing.
   *
   * @param failing the failing variants' ids, in the matrix's order
   */
  public record VariantTally(int total, List<String> failing) {
    public VariantTally {
      failing = List.copyOf(failing);
    }

    /** {@code 1 of 3 variants failing: amex}. */
    public String words() {
      return failing.size() + " of " + total + " variants failing"
          + (failing.isEmpty() ? "" : ": " + String.join(", ", failing));
    }
  }

  /**
   * The firing episode this notification belongs to: the same for its repeats and its
   * resolution, new when the instance fires again. Names the evidence page
   * ({@code /incidents/<id>}).
   */
  public String episodeId() {
    return EpisodeIds.of(alert, probe, env, variant, startsAt);
  }

  public AlertKey key() {
    return new AlertKey(alert, probe, env, variant);
  }

  /** {@code checkout@production}, {@code checkout[amex]@production}. */
  public String pairName() {
    return probe + (variant.isEmpty() ? "" : "[" + variant + "]") + "@" + env;
  }

  public String status() {
    return kind.status();
  }

  public boolean resolved() {
    return kind == EventKind.RESOLVED;
  }

  /** How long it fired; only a resolved notification knows. */
  public Optional<Duration> lasted() {
    return endsAt.map(end -> Duration.between(startsAt, end));
  }

  /** One line: "checkout-failing: checkout@production authorize_payment (payment-gateway) failed: status". */
  public String summary() {
    String where = pairName();
    if (resolved()) {
      return alert + " resolved: " + where + " after " + Durations.human(lasted().orElseThrow());
    }
    String tally = variants.map(t -> " (" + t.words() + ")").orElse("");
    return failure
        .map(f -> alert + ": " + where + " step " + f.step() + " (" + f.component() + ") "
            + f.reason() + f.classification().map(c -> " [" + c + "]").orElse("") + tally)
        .orElse(alert + ": " + where + " " + condition + tally);
  }

  /** Several lines for people: what broke, expected vs actual, what changed, since when. */
  public String description() {
    StringBuilder text = new StringBuilder();
    if (resolved()) {
      text.append(alert).append(" on ").append(pairName())
          .append(" resolved after ").append(Durations.human(lasted().orElseThrow()))
          .append(" (firing since ").append(startsAt).append(", ").append(failedRuns)
          .append(failedRuns == 1 ? " bad run)" : " bad runs)");
      return text.toString();
    }
    text.append(condition).append(" on ").append(pairName()).append('.');
    if (!variant.isEmpty()) {
      text.append("\nVariant: ").append(variant);
      variants.ifPresent(t -> text.append(" (").append(t.words()).append(')'));
    }
    failure.ifPresent(f -> {
      text.append("\nFailed step: ").append(f.step()).append(" (component ").append(f.component())
          .append("), reason ").append(f.reason());
      f.classification().ifPresent(c -> text.append(", classified ").append(c));
      text.append(": ").append(f.message());
      f.expected().ifPresent(e -> text.append("\nExpected: ").append(e));
      f.actual().ifPresent(a -> text.append("\nActual: ").append(a));
    });
    probableCause.ifPresentOrElse(c -> text.append("\nProbable cause (").append(c.confidence().wireName())
        .append("): ").append(c.summary()).append(c.why().isEmpty() ? "" : "\nWhy: " + c.why()),
        () -> causeNote.ifPresent(n -> text.append("\nProbable cause: none, ").append(n)));
    providerStatus.forEach(line -> text.append("\n").append(capitalized(line)));
    text.append("\nFailing since ").append(failuresBegan).append(", ").append(failedRuns)
        .append(failedRuns == 1 ? " bad run." : " bad runs.");
    traceId.ifPresent(t -> text.append("\nTrace id: ").append(t));
    return text.toString();
  }

  /** The same notification sent again later (repeat, end of a silence) with a fresh id. */
  public AlertEvent resent(String newId, EventKind newKind, Instant now) {
    return new AlertEvent(newId, newKind, now, alert, severity, probe, env, agentLabels, condition,
        startsAt, endsAt, failuresBegan, failedRuns, failure, traceId, probableCause, runbook,
        probeInterval, webhooks, causeNote, providerStatus, variant, variants);
  }

  private static String capitalized(String line) {
    return line.isEmpty() ? line : Character.toUpperCase(line.charAt(0)) + line.substring(1);
  }
}
