package io.cartprobe.metrics;

/** The per-pair families that {@link PairSeries} writes itself, in exposition order. */
enum Family {
  ALERT_FIRING("cartprobe_alert_firing", "gauge",
      "1 while the alert instance is firing, 0 otherwise"),
  CLEANUP_FAILURES("cartprobe_cleanup_failures_total", "counter",
      "Cleanup requests that did not succeed"),
  ATTEMPTS("cartprobe_probe_attempts_total", "counter",
      "Finished probe runs by attempts: first_try, after_retry, failed"),
  DURATION("cartprobe_probe_duration_seconds", "histogram",
      "Duration of the whole probe flow, cleanup excluded"),
  FAILURES("cartprobe_probe_failures_total", "counter",
      "Failed probe runs by the first failed step and the reason"),
  LAST_SUCCESS("cartprobe_probe_last_success_timestamp_seconds", "gauge",
      "Unix time at which the last successful or degraded run ended"),
  RUNS("cartprobe_probe_runs_total", "counter",
      "Finished probe runs by result: success, failure, degraded"),
  SUCCESS("cartprobe_probe_success", "gauge",
      "1 if the last run of the probe succeeded (degraded counts as success), 0 if it failed"),
  STEP_DURATION("cartprobe_step_duration_seconds", "histogram",
      "Duration of one step of a multi-step probe: its HTTP exchange and checks"),
  STEP_HTTP_STATUS("cartprobe_step_http_status", "gauge",
      "HTTP status code of the step in the last run; 0 when no response arrived"),
  STEP_PHASE("cartprobe_step_phase_seconds", "gauge",
      "Duration of each HTTP timing phase of the step in the last run");

  final String metric;
  final String type;
  final String help;

  Family(String metric, String type, String help) {
    this.metric = metric;
    this.type = type;
    this.help = help;
  }
}
