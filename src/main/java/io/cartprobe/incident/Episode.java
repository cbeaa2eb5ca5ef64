package io.cartprobe.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.StepExchange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One firing episode of an alert instance, as its evidence page shows it: everything a
 * provider's support desk asks for, already redacted. The JSON form of this record is the
 * document kept per episode (state file today; an {@code evidence_episodes} row later).
 *
 * @param id {@code AlertEvent#episodeId()}: the last part of {@code evidence_url}
 * @param variant the probe matrix's variant ("" for a probe without a matrix)
 * @param openedAt when the instance began firing
 * @param closedAt when it resolved; empty while firing
 * @param firstFailure when the failures that made it fire began
 * @param failedRuns the episode's failed runs, oldest first, at most {@link #MAX_RUNS}
 * @param failingStep the latest failed run's failing step: what it sent and got
 * @param contrast the other pairs of the probe and how they stand: healthy ones show the
 *     failure is this pair's own
 * @param configChanges watched configuration changes of the environment in the episode's window
 * @param providerStatus what the provider's own status page said, while it reported trouble
 */
public record Episode(
    String id,
    String alert,
    String severity,
    String probe,
    @JsonProperty("env") String environment,
    String variant,
    Instant openedAt,
    Optional<Instant> closedAt,
    Instant firstFailure,
    List<FailedRun> failedRuns,
    Optional<FailingStep> failingStep,
    List<PairHealth> contrast,
    List<ConfigChange> configChanges,
    List<ProviderStatus> providerStatus,
    Optional<String> probableCause) {

  public static final int MAX_RUNS = 50;

  public Episode {
    variant = variant == null ? "" : variant;
    closedAt = closedAt == null ? Optional.empty() : closedAt;
    failedRuns = failedRuns == null ? List.of() : List.copyOf(failedRuns);
    failingStep = failingStep == null ? Optional.empty() : failingStep;
    contrast = contrast == null ? List.of() : List.copyOf(contrast);
    configChanges = configChanges == null ? List.of() : List.copyOf(configChanges);
    providerStatus = providerStatus == null ? List.of() : List.copyOf(providerStatus);
    probableCause = probableCause == null ? Optional.empty() : probableCause;
  }

  /** One failed run: when, its trace id (to find it in the shop's tracing), where and why. */
  public record FailedRun(Instant at, String traceId, String step, String component,
      String reason, String message) {}

  /** The failing step and its exchange. */
  public record FailingStep(String step, String component, String reason, String message,
      StepExchange exchange) {}

  /** Another pair of the probe: its latest verdict. */
  public record PairHealth(String probe, @JsonProperty("env") String environment, String variant,
      String verdict, Instant at) {}

  Episode closed(Instant at) {
    return new Episode(id, alert, severity, probe, environment, variant, openedAt,
        Optional.of(at), firstFailure, failedRuns, failingStep, contrast, configChanges,
        providerStatus, probableCause);
  }
}
