package io.cartprobe.cli;

import io.cartprobe.Version;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.probe.ProbeResult;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.http.ProbeHttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs planned (probe, environment) pairs at once on virtual threads; results in plan order. */
final class ProbeExecution {

  private final CartprobeConfig config;
  private final Clock clock;

  ProbeExecution(CartprobeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  List<ProbeResult> runAll(List<RunCommand.PlannedRun> plan, Progress progress)
      throws InterruptedException, ExecutionException {
    ProbeRunner runner = new ProbeRunner(ProbeHttpClient.defaultBase(), clock, Version.current());
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ProbeResult>> futures = new ArrayList<>();
      for (RunCommand.PlannedRun run : plan) {
        futures.add(executor.submit(() -> {
          ProbeResult result = runner.run(run.probe(), config.environments().get(run.environment()));
          progress.finished(run.probe().name(), run.environment());
          return result;
        }));
      }
      List<ProbeResult> results = new ArrayList<>();
      for (Future<ProbeResult> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }
}
