package io.cartprobe.agent;

import io.cartprobe.history.PairState;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per failed run, per state change and per gateway configuration change, never per
 * success: at 1,000 targets a line per success would drown the lines that matter. Key-values go
 * to JSON logs as fields. Runs after history in the pipeline and reads the state change from it.
 */
final class RunLog implements ResultSink, ConfigChangeSink {

  private static final Logger log = LoggerFactory.getLogger("cartprobe.runs");

  private final RunHistory history;

  RunLog(RunHistory history) {
    this.history = history;
  }

  @Override
  public void accept(ProbeResult result) {
    PairState state = history.state(
        new io.cartprobe.history.HistoryKey(result.probe(), result.environment(), result.variant()));
    if (state.health() != state.previousHealth()) {
      log.atInfo()
          .addKeyValue("probe", result.probe())
          .addKeyValue("env", result.environment())
          .addKeyValue("from", state.previousHealth().wireName())
          .addKeyValue("to", state.health().wireName())
          .addKeyValue("variant", result.variant())
          .log("{} is now {} (was {})", result.title(),
              state.health().wireName(), state.previousHealth().wireName());
    }
    if (result.failed()) {
      Failure failure = result.failure().orElseThrow();
      var line = log.atWarn()
          .addKeyValue("probe", result.probe())
          .addKeyValue("env", result.environment())
          .addKeyValue("variant", result.variant())
          .addKeyValue("step", failure.step())
          .addKeyValue("component", failure.component())
          .addKeyValue("reason", failure.reason().wireName())
          .addKeyValue("trace_id", result.traceId())
          .addKeyValue("consecutive_failures", state.consecutiveFailures());
      failure.classification().ifPresent(c -> line.addKeyValue("classification", c));
      result.probableCause().ifPresent(c -> line.addKeyValue("probable_cause", c.summary()));
      if (result.probeType() == io.cartprobe.config.ProbeType.CHECKOUT
          && !result.providerStatus().isEmpty()) {
        line.addKeyValue("provider_status", String.join("; ", result.providerStatus().stream()
            .flatMap(p -> p.findings().stream()).toList()));
      }
      line.log("{} failed at step {} ({}): {}: {}", result.title(),
          failure.step(), failure.component(), failure.reason().wireName(), failure.message());
    }
  }

  /** News, not a failure: a warning so it stands out next to the failures it may explain. */
  @Override
  public void accept(ConfigChange change) {
    log.atWarn().addKeyValue("probe", change.probe()).addKeyValue("env", change.environment())
        .log("{} @ {} configuration changed: {}", change.probe(), change.environment(),
            change.describe());
  }
}
