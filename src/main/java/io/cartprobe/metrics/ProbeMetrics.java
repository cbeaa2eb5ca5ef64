package io.cartprobe.metrics;

import io.cartprobe.result.ResultSink;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Step;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns each {@link ProbeResult} into the probe and step series of the design's Metrics table.
 *
 * <p>Every series of a probe carries {@code variant}: the variant's id, {@code ""} for a probe
 * without a matrix. Label values are only probe, environment, variant and step names from the configuration and enum wire
 * names: never a URL, trace id or body, so the number of series is bounded by the config. Agent
 * labels are not added here; the registry's common tags carry them (see {@link AgentRegistry}).
 * The duration histograms carry the run's trace id as an exemplar ({@link RunExemplars}).
 */
public final class ProbeMetrics implements ResultSink {

  // Micrometer names; the Prometheus names (in the comments) are the contract and are checked
  // against real scrape output in the tests.
  static final String SUCCESS = "cartprobe.probe.success"; // cartprobe_probe_success
  static final String DURATION = "cartprobe.probe.duration"; // cartprobe_probe_duration_seconds
  static final String RUNS = "cartprobe.probe.runs"; // cartprobe_probe_runs_total
  static final String FAILURES = "cartprobe.probe.failures"; // cartprobe_probe_failures_total
  static final String LAST_SUCCESS =
      "cartprobe.probe.last.success.timestamp"; // cartprobe_probe_last_success_timestamp_seconds
  static final String STEP_DURATION = "cartprobe.step.duration"; // cartprobe_step_duration_seconds
  static final String STEP_PHASE = "cartprobe.step.phase"; // cartprobe_step_phase_seconds
  static final String STEP_HTTP_STATUS = "cartprobe.step.http.status"; // cartprobe_step_http_status
  static final String ATTEMPTS = "cartprobe.probe.attempts"; // cartprobe_probe_attempts_total
  static final String CLEANUP_FAILURES =
      "cartprobe.cleanup.failures"; // cartprobe_cleanup_failures_total

  private static final List<String> OWN_METERS = List.of(SUCCESS, DURATION, RUNS, FAILURES,
      LAST_SUCCESS, STEP_DURATION, STEP_PHASE, STEP_HTTP_STATUS, ATTEMPTS, CLEANUP_FAILURES);

  /** Values of the {@code outcome} label of {@code cartprobe_probe_attempts_total}. */
  private static final List<String> ATTEMPT_OUTCOMES = List.of("first_try", "after_retry", "failed");

  private final MeterRegistry registry;
  private final AtomicReference<LatencyBuckets> buckets;
  private final SettableGauges success;
  private final SettableGauges lastSuccess;
  private final SettableGauges phase;
  private final SettableGauges httpStatus;
  private final TlsMetrics tls;
  /** (probe, env) pairs whose counters have been created at zero. */
  private final Set<Tags> initialised = ConcurrentHashMap.newKeySet();

  public ProbeMetrics(MeterRegistry registry, CartprobeConfig config) {
    this(registry, LatencyBuckets.from(config));
  }

  public ProbeMetrics(MeterRegistry registry, LatencyBuckets buckets) {
    this.registry = registry;
    this.buckets = new AtomicReference<>(buckets);
    success = new SettableGauges(registry, SUCCESS,
        "1 if the last run of the probe succeeded (degraded counts as success), 0 if it failed",
        null);
    lastSuccess = new SettableGauges(registry, LAST_SUCCESS,
        "Unix time at which the last successful or degraded run ended", "seconds");
    phase = new SettableGauges(registry, STEP_PHASE,
        "Duration of each HTTP timing phase of the step in the last run", "seconds");
    httpStatus = new SettableGauges(registry, STEP_HTTP_STATUS,
        "HTTP status code of the step in the last run; 0 when no response arrived", null);
    tls = new TlsMetrics(registry);
  }

  /** Records one finished run. Safe to call from many probe threads at once. */
  @Override
  public void accept(ProbeResult result) {
    record(result);
  }

  public void record(ProbeResult result) {
    Tags probeEnv = Tags.of("env", result.environment(), "probe", result.probe(),
        "variant", result.variant());
    initialiseCounters(probeEnv);
    boolean ok = result.verdict() != Verdict.FAILURE;

    success.set(probeEnv, ok ? 1 : 0);
    if (ok) {
      Instant end = result.startedAt().plus(result.duration());
      lastSuccess.set(probeEnv, end.toEpochMilli() / 1000.0);
    }
    try (Scope run = RunExemplars.during(result.traceId(), result.spanId())) {
      durationTimer(probeEnv, buckets.get().probe(result.probe()))
          .record(nonNegative(result.duration()));
    }
    counter(RUNS, probeEnv.and("result", result.verdict().wireName())).increment();
    counter(ATTEMPTS, probeEnv.and("outcome", attemptOutcome(result))).increment();
    result.failure().ifPresent(f -> recordFailure(probeEnv, f));

    for (StepResult step : result.steps()) {
      recordStep(result.probe(), result.traceId(), probeEnv, step);
      step.certNotAfter().ifPresent(notAfter ->
          tls.certificateSeen(result.probe(), result.environment(), result.variant(), step.name(),
              notAfter));
    }
    long cleanupFailures =
        result.cleanup().stream().filter(c -> c.status() == StepStatus.FAILED).count();
    if (cleanupFailures > 0) {
      counter(CLEANUP_FAILURES, probeEnv).increment(cleanupFailures);
    }
  }

  /**
   * Applies a reloaded configuration: series of probes, environments and steps that no longer
   * exist stop being exported (a removed probe must not report its last value forever), and
   * duration histograms whose latency budgets changed are recreated with the new buckets
   * (Prometheus sees that as a counter reset, which {@code rate()} handles).
   */
  public void reconfigure(CartprobeConfig config) {
    LatencyBuckets next = LatencyBuckets.from(config);
    LatencyBuckets previous = buckets.getAndSet(next);
    Set<List<String>> probeEnvs = new HashSet<>();
    Set<List<String>> probeSteps = new HashSet<>();
    for (ProbeConfig probe : config.probes()) {
      probe.environments().forEach(env -> probe.variants()
          .forEach(v -> probeEnvs.add(List.of(probe.name(), env, v.id()))));
      for (Step step : probe.steps()) {
        probeSteps.add(List.of(probe.name(), step.name()));
      }
    }
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      if (!OWN_METERS.contains(id.getName()) || isCurrent(id, probeEnvs, probeSteps, previous, next)) {
        continue;
      }
      registry.remove(meter);
    }
    for (SettableGauges gauges : List.of(success, lastSuccess, phase, httpStatus)) {
      gauges.removeIf(tags -> !isCurrent(tags, probeEnvs, probeSteps));
    }
    initialised.removeIf(tags -> !isCurrent(tags, probeEnvs, probeSteps));
  }

  private static boolean isCurrent(Meter.Id id, Set<List<String>> probeEnvs,
      Set<List<String>> probeSteps, LatencyBuckets previous, LatencyBuckets next) {
    Tags tags = Tags.of(id.getTagsAsIterable());
    if (!isCurrent(tags, probeEnvs, probeSteps)) {
      return false;
    }
    String probe = id.getTag("probe");
    String step = id.getTag("step");
    return switch (id.getName()) {
      case DURATION -> previous.probe(probe).equals(next.probe(probe));
      case STEP_DURATION -> previous.step(probe, step).equals(next.step(probe, step));
      default -> true;
    };
  }

  private static boolean isCurrent(Tags tags, Set<List<String>> probeEnvs,
      Set<List<String>> probeSteps) {
    String probe = tagValue(tags, "probe");
    String env = tagValue(tags, "env");
    String step = tagValue(tags, "step");
    String variant = tagValue(tags, "variant");
    if (probe == null || env == null) {
      return true; // not a per-probe series
    }
    return probeEnvs.contains(List.of(probe, env, variant == null ? "" : variant))
        && (step == null || probeSteps.contains(List.of(probe, step)));
  }

  private static String tagValue(Tags tags, String key) {
    return tags.stream().filter(t -> t.getKey().equals(key)).map(t -> t.getValue()).findFirst()
        .orElse(null);
  }

  /**
   * Creates the counters of a new (probe, env) at zero, so the first failure is an increase from
   * 0 to 1 that {@code increase()} and {@code rate()} can see, not a series born at 1.
   */
  private void initialiseCounters(Tags probeEnv) {
    if (!initialised.add(probeEnv)) {
      return;
    }
    for (Verdict verdict : Verdict.values()) {
      counter(RUNS, probeEnv.and("result", verdict.wireName()));
    }
    for (String outcome : ATTEMPT_OUTCOMES) {
      counter(ATTEMPTS, probeEnv.and("outcome", outcome));
    }
    counter(CLEANUP_FAILURES, probeEnv);
  }

  private void recordFailure(Tags probeEnv, Failure failure) {
    counter(FAILURES, probeEnv.and("reason", failure.reason().wireName(), "step", failure.step()))
        .increment();
  }

  private void recordStep(String probe, String traceId, Tags probeEnv, StepResult step) {
    Tags stepTags = probeEnv.and("step", step.name());
    // A skipped step did not run in the last run: its phases and status are zero ("did not
    // happen"), not left over from an earlier run.
    Timings t = step.timings();
    setPhase(stepTags, "dns", t.dns());
    setPhase(stepTags, "connect", t.connect());
    setPhase(stepTags, "tls", t.tls());
    setPhase(stepTags, "request", t.request());
    setPhase(stepTags, "ttfb", t.ttfb());
    setPhase(stepTags, "transfer", t.transfer());
    httpStatus.set(stepTags, step.httpStatus().orElse(0));
    if (step.status() != StepStatus.SKIPPED) {
      try (Scope span = RunExemplars.during(traceId, step.spanId())) {
        stepTimer(stepTags, buckets.get().step(probe, step.name()))
            .record(nonNegative(step.duration()));
      }
    }
  }

  private void setPhase(Tags stepTags, String phaseName, Duration value) {
    phase.set(stepTags.and("phase", phaseName), seconds(value));
  }

  private static String attemptOutcome(ProbeResult result) {
    if (result.verdict() == Verdict.FAILURE) {
      return "failed";
    }
    return result.attempts() > 1 ? "after_retry" : "first_try";
  }

  private Counter counter(String name, Tags tags) {
    return Counter.builder(name).description(help(name)).tags(tags).register(registry);
  }

  private Timer durationTimer(Tags tags, List<Duration> slos) {
    return histogram(DURATION, "Duration of the whole probe flow, cleanup excluded", tags, slos);
  }

  private Timer stepTimer(Tags tags, List<Duration> slos) {
    return histogram(STEP_DURATION, "Duration of one step: its HTTP exchange and checks", tags,
        slos);
  }

  private Timer histogram(String name, String help, Tags tags, List<Duration> slos) {
    return Timer.builder(name)
        .description(help)
        .tags(tags)
        .publishPercentileHistogram(false)
        .serviceLevelObjectives(slos.toArray(Duration[]::new))
        .register(registry);
  }

  private static String help(String counterName) {
    return switch (counterName) {
      case RUNS -> "Finished probe runs by result: success, failure, degraded";
      case FAILURES -> "Failed probe runs by the first failed step and the reason";
      case ATTEMPTS -> "Finished probe runs by attempts: first_try, after_retry, failed";
      case CLEANUP_FAILURES -> "Cleanup requests that did not succeed";
      default -> throw new IllegalArgumentException(counterName);
    };
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
