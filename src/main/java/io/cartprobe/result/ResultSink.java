package io.cartprobe.result;

/**
 * Where a finished, enriched probe result goes: metrics, history, the run log, alerting, traces.
 * The agent's pipeline hands every result to its sinks in a fixed order on the thread that ran
 * the probe; a sink must not block for long (hand slow work to its own thread) and never calls
 * back into the probe engine.
 */
@FunctionalInterface
public interface ResultSink {

  void accept(ProbeResult result);
}
