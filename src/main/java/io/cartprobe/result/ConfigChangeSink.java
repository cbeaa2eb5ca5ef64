package io.cartprobe.result;

/**
 * Where a detected gateway configuration change goes (metrics, logs, history, alerting,
 * attribution). Told once per change, before the result that saw it reaches the result sinks.
 */
@FunctionalInterface
public interface ConfigChangeSink {

  void accept(ConfigChange change);
}
