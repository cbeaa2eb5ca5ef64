package io.cartprobe.probe;

import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import io.cartprobe.auth.TokenCache;
import io.cartprobe.browser.Browsers;
import io.cartprobe.config.AgentConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Environment;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.ProviderStatusProbe;
import io.cartprobe.config.Step;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.http.RunSession;
import io.cartprobe.http.TraceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/**
 * Runs one probe against one environment: one synthetic customer walking the steps, then the
 * cleanup, retried per the probe's {@code retries} when that is safe. Never throws for the
 * target's failures; everything that happened is in the {@link ProbeResult}. Thread-safe: the
 * agent may run many probes at once through one runner.
 */
public final class ProbeRunner implements AutoCloseable {

  /** A cleanup request gets at most this long: it must not hold the next run up. */
  public static final Duration CLEANUP_TIMEOUT_CAP = Duration.ofSeconds(10);

  private final ProbeHttpClient http;
  private final Clock clock;
  private final RandomGenerator random;
  /** OAuth2 tokens outlive a run: reused by later runs of the same environment until near expiry. */
  private final TokenCache tokens;
  private final Browsers browsers;
  private final ResponseChecks checks;

  /**
   * @param browsers where browser steps open their pages; closed by {@link #close()}
   * @param checks where the CPU-bound checks of responses run (the agent's own threads)
   */
  public ProbeRunner(ProbeHttpClient http, Clock clock, RandomGenerator random, Browsers browsers,
      ResponseChecks checks) {
    this.http = http;
    this.clock = clock;
    this.random = random;
    this.tokens = new TokenCache(clock);
    this.browsers = browsers;
    this.checks = checks;
  }

  public ProbeRunner(ProbeHttpClient http, Clock clock, RandomGenerator random, Browsers browsers) {
    this(http, clock, random, browsers, ResponseChecks.inline());
  }

  public ProbeRunner(ProbeHttpClient http, Clock clock, RandomGenerator random) {
    this(http, clock, random, new Browsers(AgentConfig.DEFAULT_MAX_BROWSERS, System.getenv()));
  }

  /** @param version goes into {@code User-Agent: cartprobe/<version>} */
  public ProbeRunner(OkHttpClient base, Clock clock, String version) {
    this(new ProbeHttpClient(base, version), clock, new SecureRandom());
  }

  public ProbeRunner(OkHttpClient base, Clock clock, String version, Browsers browsers) {
    this(new ProbeHttpClient(base, version), clock, new SecureRandom(), browsers);
  }

  /** Stops the Chromium that browser steps started, if any. */
  @Override
  public void close() {
    browsers.close();
  }

  /** The steps and cleanup of one attempt, and whether it may be re-run. */
  private record Attempt(List<StepResult> steps, Optional<Failure> failure,
      List<StepResult> cleanup, List<String> notes, Optional<String> resendBlocker,
      long flowEndNanos, Map<String, String> watched, List<ProviderStatus> provider) {}

  /** One run of one variant of {@code probe}: its matrix values are vars of the run. */
  public ProbeResult run(ProbeConfig probe, Environment env, io.cartprobe.config.Variant variant) {
    return run(probe, env, variant, new RunProgress());
  }

  /** @param progress told of each attempt and step as the run goes */
  public ProbeResult run(ProbeConfig probe, Environment env, io.cartprobe.config.Variant variant,
      RunProgress progress) {
    ProbeResult result = run(probe.forVariant(variant), env, progress);
    return variant.isNone() ? result : result.withVariant(variant.id());
  }

  public ProbeResult run(ProbeConfig probe, Environment env) {
    return run(probe, env, new RunProgress());
  }

  /**
   * The most a run of {@code probe} can take by its config: every attempt's flow timeout and
   * cleanup, a second for the handing over. A run past this is stuck somewhere no deadline
   * reaches.
   */
  public static Duration longestRun(ProbeConfig probe) {
    int cleanupSteps = switch (probe) {
      case CheckoutProbe c -> c.cleanup().size();
      case GatewayConfigProbe g -> 0;
      case ProviderStatusProbe p -> 0;
    };
    Duration cleanup = probe.timeout().compareTo(CLEANUP_TIMEOUT_CAP) < 0
        ? probe.timeout() : CLEANUP_TIMEOUT_CAP;
    Duration attempt = probe.timeout().plus(cleanup.multipliedBy(cleanupSteps));
    return attempt.multipliedBy(probe.retries() + 1L).plusSeconds(1);
  }

  /** @param progress told of each attempt and step as the run goes */
  public ProbeResult run(ProbeConfig probe, Environment env, RunProgress progress) {
    // once per client, before the clock: see docs/design.md, "Step duration"
    http.warmUp(TlsNeed.mayUseTls(probe, env, clock, random));
    Instant startedAt = clock.instant();
    long start = System.nanoTime();
    TraceContext trace = TraceContext.start(random);
    Redactor redactor = Redactor.forEnvironment(env);
    Map<String, String> idempotencyKeys = new HashMap<>();
    List<StepResult> cleanup = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<ProbeResult.EarlierAttempt> earlier = new ArrayList<>();
    RunClock runClock = new RunClock(startedAt, start);
    progress.started(trace.traceId(), redactor);

    int attempts = 0;
    Attempt attempt;
    while (true) {
      attempts++;
      progress.attemptStarted(attempts);
      attempt = runAttempt(probe, env, trace, redactor, idempotencyKeys, attempts, runClock,
          progress);
      cleanup.addAll(attempt.cleanup());
      notes.addAll(attempt.notes());
      if (attempt.failure().isEmpty() || attempts > probe.retries()) {
        break;
      }
      Failure f = attempt.failure().get();
      if (attempt.resendBlocker().isPresent()) {
        notes.add("not retried: " + attempt.resendBlocker().get());
        break;
      }
      notes.add("attempt " + attempts + " failed at step '" + f.step() + "' ("
          + f.reason().wireName() + "): " + f.message() + "; retrying");
      earlier.add(new ProbeResult.EarlierAttempt(attempts, attempt.steps(), f));
    }

    Verdict verdict = attempt.failure().isPresent() ? Verdict.FAILURE
        : attempt.steps().stream().anyMatch(s -> s.status() == StepStatus.DEGRADED)
            ? Verdict.DEGRADED : Verdict.SUCCESS;
    ProbeResult result = new ProbeResult(probe.name(), env.name(), probe.type(), startedAt,
        Duration.ofNanos(attempt.flowEndNanos() - start), verdict, attempts, trace.traceId(),
        attempt.steps(), attempt.failure(), cleanup, notes, attempt.watched(), Optional.empty(),
        trace.rootSpanId(), earlier, attempt.provider());
    // Redact at the end, when every secret extracted during the run is known.
    return redactor.redact(result);
  }

  private Attempt runAttempt(ProbeConfig probe, Environment env, TraceContext trace,
      Redactor redactor, Map<String, String> idempotencyKeys, int attemptNumber,
      RunClock runClock, RunProgress progress) {
    try (RunSession session = http.newRun(trace)) {
      Map<String, String> extracted = new LinkedHashMap<>();
      TemplateScope scope =
          new TemplateScope(extracted, probe.vars(), env, probe.name(), clock, random);
      RunState state = new RunState(session, extracted, scope, redactor, idempotencyKeys, env,
          ClientSettings.forProbe(env, probe), new StepAuth(tokens, env.name(), redactor), runClock,
          browsers, checks);

      long deadline = System.nanoTime() + probe.timeout().toNanos();
      List<StepResult> results = new ArrayList<>();
      Optional<Failure> failure = Optional.empty();
      Optional<String> blocker = Optional.empty();
      Map<String, String> watched = Map.of();
      List<ProviderStatus> provider = List.of();
      List<String> watch = switch (probe) {
        case GatewayConfigProbe g -> g.watch();
        case ProviderStatusProbe p -> ProviderCheck.WHOLE_PAGE;
        case CheckoutProbe c -> List.of();
      };
      List<Step> steps = probe.steps();
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        if (failure.isPresent()) {
          results.add(StepResult.skipped(step.name(), step.component(), step.request().method()));
          continue;
        }
        long remaining = deadline - System.nanoTime();
        progress.stepStarted(step);
        StepOutcome outcome = remaining <= 0
            ? StepExecutor.deadlinePassed(step, state, probe.timeout())
            : StepExecutor.execute(step, "step:" + i, state, Duration.ofNanos(remaining), watch);
        if (probe instanceof ProviderStatusProbe p) {
          // The page is judged here and quoted as a reading, not kept as watched text.
          ProviderCheck.Judged judged = ProviderCheck.judge(p, env.name(), outcome);
          outcome = judged.outcome();
          provider = judged.reading();
        }
        results.add(outcome.result());
        progress.stepFinished(outcome.result());
        if (!outcome.watched().isEmpty()) {
          watched = outcome.watched();
        }
        if (blocker.isEmpty() && outcome.mayHaveReachedServer() && !outcome.safeToResend()) {
          blocker = Optional.of("step '" + step.name() + "' (" + step.request().method()
              + ") may have reached the server and is not idempotent (no "
              + StepExecutor.IDEMPOTENCY_KEY + " header); sending it again could repeat its "
              + "effect");
        }
        if (outcome.failed()) {
          failure = Optional.of(failureOf(outcome));
        }
      }
      long flowEnd = System.nanoTime();

      List<String> notes = new ArrayList<>();
      List<StepResult> cleanup = runCleanup(probe, state, attemptNumber, notes);
      return new Attempt(results, failure, cleanup, notes, blocker, flowEnd, watched, provider);
    }
  }

  /** Cleanup always runs, each request with its own short timeout, outside the flow deadline. */
  private static List<StepResult> runCleanup(ProbeConfig probe, RunState state,
      int attemptNumber, List<String> notes) {
    List<Step> steps = switch (probe) {
      case CheckoutProbe c -> c.cleanup();
      case GatewayConfigProbe g -> List.of();
      case ProviderStatusProbe p -> List.of();
    };
    Duration timeout = probe.timeout().compareTo(CLEANUP_TIMEOUT_CAP) < 0
        ? probe.timeout() : CLEANUP_TIMEOUT_CAP;
    List<StepResult> results = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      // Keyed per attempt: each attempt's cleanup undoes that attempt's own resources, so a
      // server must not answer it from an earlier attempt's idempotency record.
      StepOutcome outcome =
          StepExecutor.execute(step, "cleanup:" + attemptNumber + ":" + i, state, timeout);
      if (outcome.result().reason().orElse(null) == FailureReason.TEMPLATE) {
        // A value it needs was never extracted (its step never ran): nothing to clean up.
        String why = outcome.result().message().orElse("a template has no value");
        results.add(new StepResult(step.name(), step.component(), StepStatus.SKIPPED,
            step.request().method(), step.request().url(), Optional.empty(), Duration.ZERO,
            Timings.NONE, List.of(), Optional.empty(), Optional.of("skipped: " + why),
            Optional.empty(), Optional.empty(), Optional.empty()));
        notes.add("cleanup '" + step.name() + "' skipped: " + why);
      } else {
        results.add(outcome.result());
      }
    }
    return results;
  }

  private static Failure failureOf(StepOutcome outcome) {
    StepResult r = outcome.result();
    StepProblem p = outcome.problem().orElseThrow();
    return new Failure(r.name(), r.component(), p.reason(), p.message(), p.expected(),
        p.actual(), r.classification());
  }
}
