package io.cartprobe.cli;

import io.cartprobe.Version;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.browser.Browsers;
import io.cartprobe.result.ResultSink;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.probe.RunThreads;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.watch.Attribution;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs planned (probe, environment) pairs at once on virtual threads; results in plan order.
 * A failed checkout result carries its probable cause: a gateway-config probe of the same
 * environment that failed in this same invocation, and what its provider-status probes report.
 * Those probes run alongside even when not selected (evidence is gathered, not waited for);
 * their results are not printed.
 */
final class ProbeExecution {

  private final CartprobeConfig config;
  private final Clock clock;
  private final ResultSink sink;
  private final ProbeHttpClient http;

  /** @param sink gets every result, the evidence runs' too (traces) */
  ProbeExecution(CartprobeConfig config, Clock clock, ResultSink sink, ProbeHttpClient http) {
    this.config = config;
    this.clock = clock;
    this.sink = sink;
    this.http = http;
  }

  /**
   * The probe client, built and warmed on a thread of its own: a cold JVM spends about as long
   * on that as on reading the config, and on two cores the two overlap.
   */
  static CompletableFuture<ProbeHttpClient> warmClient() {
    return CompletableFuture.supplyAsync(() -> {
      ProbeHttpClient http = new ProbeHttpClient(ProbeHttpClient.defaultBase(), Version.current());
      http.warmUp(false); // TLS, when a run needs it, once the config says so
      return http;
    }, command -> Thread.ofVirtual().name("client-warm-up").start(command));
  }

  List<ProbeResult> runAll(List<RunCommand.PlannedRun> plan, Progress progress)
      throws InterruptedException, ExecutionException {
    try (ProbeRunner runner = new ProbeRunner(http, clock, new SecureRandom(),
            new Browsers(config.agent().maxBrowsers(), System.getenv()));
        RunThreads executor = new RunThreads("cartprobe-run-", RunThreads.PLATFORM)) {
      List<Future<ProbeResult>> futures = new ArrayList<>();
      for (RunCommand.PlannedRun run : plan) {
        futures.add(executor.submit(() -> {
          ProbeResult result = runner.run(run.probe(), config.environments().get(run.environment()),
              run.variant());
          progress.finished(result.probe()
              + (result.variant().isEmpty() ? "" : "[" + result.variant() + "]"), run.environment());
          return result;
        }));
      }
      List<Future<ProbeResult>> evidence = new ArrayList<>();
      for (RunCommand.PlannedRun run : evidenceRuns(plan)) {
        evidence.add(executor.submit(
            () -> runner.run(run.probe(), config.environments().get(run.environment()))));
      }
      List<ProbeResult> results = new ArrayList<>();
      for (Future<ProbeResult> future : futures) {
        results.add(future.get());
      }
      // Without a state file `run` has no baseline to diff against: a failing gateway-config
      // probe is the evidence it can offer.
      Attribution attribution = new Attribution(() -> config);
      for (Future<ProbeResult> future : evidence) {
        attribution.accept(future.get());
        sink.accept(future.get());
      }
      results.stream().filter(r -> r.probeType().isEvidence()).forEach(attribution::accept);
      List<ProbeResult> attributed = results.stream().map(attribution::diagnose).toList();
      attributed.forEach(sink::accept);
      return attributed;
    }
  }

  /** The evidence runs of each environment with a checkout run that the plan lacks. */
  private List<RunCommand.PlannedRun> evidenceRuns(List<RunCommand.PlannedRun> plan) {
    Set<String> checkoutEnvironments = new LinkedHashSet<>();
    plan.stream().filter(r -> r.probe() instanceof CheckoutProbe)
        .forEach(r -> checkoutEnvironments.add(r.environment()));
    List<RunCommand.PlannedRun> extra = new ArrayList<>();
    for (var probe : config.probes()) {
      if (!probe.type().isEvidence()) {
        continue;
      }
      for (String env : probe.environments()) {
        RunCommand.PlannedRun run = new RunCommand.PlannedRun(probe, env);
        if (checkoutEnvironments.contains(env) && !plan.contains(run)) {
          extra.add(run);
        }
      }
    }
    return extra;
  }
}
