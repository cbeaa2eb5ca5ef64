package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cartprobe.config.ProbeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one probe against one environment: one synthetic customer. The probe engine never
 * throws for a target's failure; it is all in here.
 *
 * @param attempts how many times the flow ran (1 + retries actually used)
 * @param traceId the W3C trace id sent in {@code traceparent} on every request of the run
 * @param failure the first failed step and why; empty unless the verdict is failure
 * @param cleanup results of the cleanup requests; they never change the verdict
 * @param notes things worth knowing that are not failures (e.g. why a retry was not attempted)
 * @param watched for a gateway-config probe, each watched JSONPath and its value as JSON text
 *     (absent paths are left out); empty for other probes
 * @param probableCause set on a failed checkout result when a gateway-config probe of the same
 *     environment failed or saw a change shortly before: who probably broke checkout
 * @param spanId the id of the span that stands for the whole run in the exported trace (16 hex
 *     digits; empty when not known, e.g. read back from JSON)
 * @param earlierAttempts the failed attempts before the last one, oldest first: their steps were
 *     sent too, so their spans belong in the run's trace; empty without retries
 * @param providerStatus a provider-status probe's reading of its status page; on a failed
 *     checkout, the same environment's provider readings that report an open incident or a
 *     component down (docs/attribution.md); empty otherwise, and then absent from JSON
 * @param variant the variant of the probe's matrix this run was ({@code amex}, {@code amex,EUR});
 *     {@code ""} for a probe without a matrix, and then left out of the JSON forms (0.1.0's shape)
 */
// The wire form (run -o json, /api/status, the state file) names the failure before the steps.
@JsonPropertyOrder({"probe", "env", "variant", "type", "started_at", "duration_seconds", "verdict", "attempts",
    "trace_id", "failure", "steps"})
public record ProbeResult(
    String probe,
    @JsonProperty("env") String environment,
    @JsonProperty("type") ProbeType probeType,
    Instant startedAt,
    @JsonProperty("duration_seconds") Duration duration,
    Verdict verdict,
    int attempts,
    String traceId,
    List<StepResult> steps,
    Optional<Failure> failure,
    List<StepResult> cleanup,
    List<String> notes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> watched,
    Optional<ProbableCause> probableCause,
    @JsonIgnore String spanId,
    @JsonIgnore List<EarlierAttempt> earlierAttempts,
    @JsonProperty("provider_status") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<ProviderStatus> providerStatus,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant) {

  public ProbeResult {
    steps = List.copyOf(steps);
    cleanup = List.copyOf(cleanup);
    notes = List.copyOf(notes);
    watched = Collections.unmodifiableMap(new LinkedHashMap<>(watched));
    // In-process only (traces): not in the JSON forms, so absent when read back.
    spanId = spanId == null ? "" : spanId;
    earlierAttempts = earlierAttempts == null ? List.of() : List.copyOf(earlierAttempts);
    providerStatus = providerStatus == null ? List.of() : List.copyOf(providerStatus);
    variant = variant == null ? "" : variant;
  }

  /** A run of a probe without a matrix, with what a provider's page says. */
  public ProbeResult(String probe, String environment, ProbeType probeType, Instant startedAt,
      Duration duration, Verdict verdict, int attempts, String traceId, List<StepResult> steps,
      Optional<Failure> failure, List<StepResult> cleanup, List<String> notes,
      Map<String, String> watched, Optional<ProbableCause> probableCause, String spanId,
      List<EarlierAttempt> earlierAttempts, List<ProviderStatus> providerStatus) {
    this(probe, environment, probeType, startedAt, duration, verdict, attempts, traceId, steps,
        failure, cleanup, notes, watched, probableCause, spanId, earlierAttempts, providerStatus,
        "");
  }

  /** A run of a probe without a matrix and without provider findings, as the engine builds it. */
  public ProbeResult(String probe, String environment, ProbeType probeType, Instant startedAt,
      Duration duration, Verdict verdict, int attempts, String traceId, List<StepResult> steps,
      Optional<Failure> failure, List<StepResult> cleanup, List<String> notes,
      Map<String, String> watched, Optional<ProbableCause> probableCause, String spanId,
      List<EarlierAttempt> earlierAttempts) {
    this(probe, environment, probeType, startedAt, duration, verdict, attempts, traceId, steps,
        failure, cleanup, notes, watched, probableCause, spanId, earlierAttempts, List.of(), "");
  }

  /** A result with no trace of its own: read back from JSON, or built by a test. */
  public ProbeResult(String probe, String environment, ProbeType probeType, Instant startedAt,
      Duration duration, Verdict verdict, int attempts, String traceId, List<StepResult> steps,
      Optional<Failure> failure, List<StepResult> cleanup, List<String> notes,
      Map<String, String> watched, Optional<ProbableCause> probableCause) {
    this(probe, environment, probeType, startedAt, duration, verdict, attempts, traceId, steps,
        failure, cleanup, notes, watched, probableCause, "", List.of(), List.of(), "");
  }

  /** A failed attempt that was retried: its steps as they ran, and why it failed. */
  public record EarlierAttempt(int number, List<StepResult> steps, Failure failure) {
    public EarlierAttempt {
      steps = List.copyOf(steps);
    }
  }

  public ProbeResult withProbableCause(ProbableCause cause) {
    return new ProbeResult(probe, environment, probeType, startedAt, duration, verdict, attempts,
        traceId, steps, failure, cleanup, notes, watched, Optional.of(cause), spanId,
        earlierAttempts, providerStatus, variant);
  }

  /** The same result with one more note (attribution says "no gateway evidence: ..." here). */
  public ProbeResult withNote(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new ProbeResult(probe, environment, probeType, startedAt, duration, verdict, attempts,
        traceId, steps, failure, cleanup, more, watched, probableCause, spanId, earlierAttempts,
        providerStatus, variant);
  }

  public ProbeResult withSteps(List<StepResult> newSteps) {
    return new ProbeResult(probe, environment, probeType, startedAt, duration, verdict, attempts,
        traceId, newSteps, failure, cleanup, notes, watched, probableCause, spanId, earlierAttempts,
        providerStatus, variant);
  }

  public ProbeResult withWatched(Map<String, String> values) {
    return new ProbeResult(probe, environment, probeType, startedAt, duration, verdict, attempts,
        traceId, steps, failure, cleanup, notes, values, probableCause, spanId, earlierAttempts,
        providerStatus, variant);
  }

  /**
   * The same result with what a provider's status page says: a provider-status probe's own
   * reading, or, on a failed checkout, its environment's providers that report trouble.
   */
  public ProbeResult withProviderStatus(List<ProviderStatus> status) {
    return new ProbeResult(probe, environment, probeType, startedAt, duration, verdict, attempts,
        traceId, steps, failure, cleanup, notes, watched, probableCause, spanId, earlierAttempts,
        status, variant);
  }

  /** The same run, as variant {@code id} of its probe's matrix. */
  public ProbeResult withVariant(String id) {
    return new ProbeResult(probe, environment, probeType, startedAt, duration, verdict, attempts,
        traceId, steps, failure, cleanup, notes, watched, probableCause, spanId, earlierAttempts,
        providerStatus, id);
  }

  /** {@code checkout @ production}, {@code checkout[amex] @ production}: headlines, logs, spans. */
  public String title() {
    return probe + (variant.isEmpty() ? "" : "[" + variant + "]") + " @ " + environment;
  }

  /** {@code checkout@production}, {@code checkout[amex]@production}: how alerts name the pair. */
  public String pairName() {
    return probe + (variant.isEmpty() ? "" : "[" + variant + "]") + "@" + environment;
  }

  public boolean failed() {
    return verdict == Verdict.FAILURE;
  }
}
