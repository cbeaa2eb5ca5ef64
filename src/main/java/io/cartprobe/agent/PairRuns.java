package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Environment;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Variant;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.probe.RunProgress;
import io.cartprobe.probe.RunThreads;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.PairTask;
import io.cartprobe.schedule.RunOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler runs for a pair: the probe, on a thread of its own that the pair's slot
 * does not wait on past {@link ProbeRunner#longestRun}. A run stuck where no deadline reaches
 * is abandoned: it is recorded as a {@code timeout} failure naming the step it was in, and the
 * pair is free for its next run; whatever the stuck thread returns later is dropped.
 */
final class PairRuns implements PairTask, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PairRuns.class);

  private final ProbeIndex probes;
  private final ProbeRunner runner;
  private final ResultSink pipeline;
  private final BooleanSupplier interruptedByStop;
  private final AgentMetrics metrics;
  private final Clock clock;
  private final RunThreads threads = new RunThreads("cartprobe-probe-", RunThreads.PLATFORM);

  PairRuns(Supplier<CartprobeConfig> config, ProbeRunner runner, ResultSink pipeline,
      BooleanSupplier interruptedByStop, AgentMetrics metrics, Clock clock) {
    this.probes = new ProbeIndex(config);
    this.runner = runner;
    this.pipeline = pipeline;
    this.interruptedByStop = interruptedByStop;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public RunOutcome run(PairKey pair) throws InterruptedException {
    ProbeIndex.Indexed current = probes.current();
    Optional<ProbeConfig> probe = current.probe(pair.probe());
    Environment env = current.config().environments().get(pair.environment());
    Optional<Variant> variant = current.variant(pair.probe(), pair.variant());
    if (variant.isEmpty() || env == null) {
      return RunOutcome.SUCCEEDED; // removed by a reload while it was due
    }
    ProbeResult result;
    try {
      result = guarded(probe.get(), env, variant.get());
    } catch (InterruptedException e) {
      if (!interruptedByStop.getAsBoolean()) {
        throw e;
      }
      result = null; // the stop gave up waiting for the run
    }
    if (result == null || interruptedByStop.getAsBoolean()) {
      // Cut short by shutdown: not the target's failure, so no metric, history or alert.
      log.info("{} was still running when the agent stopped; its run is not recorded",
          pair.probe() + (pair.variant().isEmpty() ? "" : "[" + pair.variant() + "]") + " @ "
              + pair.environment());
      return RunOutcome.SUCCEEDED;
    }
    pipeline.accept(result);
    return RunOutcome.failedIf(result.failed());
  }

  /** Runs the probe, abandoning it past its longest possible run (as {@code /probe} does too). */
  ProbeResult guarded(ProbeConfig probe, Environment env, Variant variant)
      throws InterruptedException {
    RunProgress progress = new RunProgress();
    Instant startedAt = clock.instant();
    long start = System.nanoTime();
    Duration limit = ProbeRunner.longestRun(probe);
    Future<ProbeResult> run = threads.submit(() -> runner.run(probe, env, variant, progress));
    try {
      return run.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      metrics.runAbandoned(probe.name(), env.name());
      ProbeResult abandoned = progress.abandoned(probe, env, startedAt, waited, limit);
      abandoned = variant.isNone() ? abandoned : abandoned.withVariant(variant.id());
      log.warn("{} @ {} abandoned after {} ms in step '{}' (its config allows {} ms); please "
          + "report this with a thread dump: some work escaped the run's deadline",
          probe.name(), env.name(), waited.toMillis(),
          abandoned.failure().map(f -> f.step()).orElse("?"), limit.toMillis());
      return abandoned;
    } catch (InterruptedException e) {
      run.cancel(true); // the agent is stopping: its grace is over
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    threads.close();
  }
}
