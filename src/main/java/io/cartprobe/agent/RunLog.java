package io.cartprobe.agent;

import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per failed run and per state change, never per success: at 1,000 targets a line
 * per success would drown the lines that matter. Key-values go to JSON logs as fields.
 */
final class RunLog {

  private static final Logger log = LoggerFactory.getLogger("cartprobe.runs");

  private RunLog() {}

  static void record(ProbeResult result, PairStates.Transition transition) {
    if (transition.healthChanged()) {
      log.atInfo()
          .addKeyValue("probe", result.probe())
          .addKeyValue("env", result.environment())
          .addKeyValue("from", transition.before().health().name().toLowerCase())
          .addKeyValue("to", transition.after().health().name().toLowerCase())
          .log("{} @ {} is now {} (was {})", result.probe(), result.environment(),
              transition.after().health().name().toLowerCase(),
              transition.before().health().name().toLowerCase());
    }
    if (result.failed()) {
      Failure failure = result.failure().orElseThrow();
      var line = log.atWarn()
          .addKeyValue("probe", result.probe())
          .addKeyValue("env", result.environment())
          .addKeyValue("step", failure.step())
          .addKeyValue("component", failure.component())
          .addKeyValue("reason", failure.reason().wireName())
          .addKeyValue("trace_id", result.traceId())
          .addKeyValue("consecutive_failures", transition.after().consecutiveFailures());
      failure.classification().ifPresent(c -> line.addKeyValue("classification", c));
      result.probableCause().ifPresent(c -> line.addKeyValue("probable_cause", c.summary()));
      line.log("{} @ {} failed at step {} ({}): {}: {}", result.probe(), result.environment(),
          failure.step(), failure.component(), failure.reason().wireName(), failure.message());
    }
  }
}
