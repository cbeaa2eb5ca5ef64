package io.cartprobe.server;

import io.cartprobe.result.HttpFacts;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A run in blackbox_exporter's own metric names, so a Prometheus that already scrapes
 * blackbox_exporter's {@code /probe} can scrape ours with the same alert rules. Per-step series
 * ({@code probe_step_*}) add what a single-request prober cannot say.
 */
final class BlackboxFormat {

  private BlackboxFormat() {}

  static String render(ProbeResult result) {
    StringBuilder out = new StringBuilder();
    gauge(out, "probe_success", "Displays whether or not the probe was a success",
        result.verdict() == Verdict.FAILURE ? 0 : 1);
    gauge(out, "probe_duration_seconds", "Returns how long the probe took to complete in seconds",
        seconds(result.duration()));
    StepResult last = lastThatRan(result);
    gauge(out, "probe_http_status_code", "Response HTTP status code",
        last == null ? 0 : last.httpStatus().orElse(0));
    // blackbox_exporter's facts of the final response, here of the last step that ran; 0 (and
    // -1 for the length) when no response arrived, as blackbox_exporter reports them.
    Optional<HttpFacts> facts = last == null ? Optional.empty() : last.http();
    gauge(out, "probe_http_version", "Returns the version of HTTP of the probe response",
        facts.map(f -> (Object) f.httpVersion()).orElse(0));
    gauge(out, "probe_http_ssl", "Indicates if SSL was used for the final redirect",
        facts.map(f -> f.tls() ? 1 : 0).orElse(0));
    gauge(out, "probe_http_redirects", "The number of redirects",
        facts.map(HttpFacts::redirects).orElse(0));
    gauge(out, "probe_http_content_length", "Length of http content response",
        facts.map(HttpFacts::contentLength).orElse(-1L));
    gauge(out, "probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6",
        facts.map(HttpFacts::ipVersion).orElse(0));

    // blackbox's phases for the whole flow: resolve, connect, tls, processing, transfer
    Duration[] phases = new Duration[] {Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO};
    for (StepResult step : result.steps()) {
      Timings t = step.timings();
      phases[0] = phases[0].plus(t.dns());
      phases[1] = phases[1].plus(t.connect());
      phases[2] = phases[2].plus(t.tls());
      phases[3] = phases[3].plus(t.request()).plus(t.ttfb());
      phases[4] = phases[4].plus(t.transfer());
    }
    String[] names = {"resolve", "connect", "tls", "processing", "transfer"};
    header(out, "probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects", "gauge");
    for (int i = 0; i < names.length; i++) {
      out.append("probe_http_duration_seconds{phase=\"").append(names[i]).append("\"} ")
          .append(seconds(phases[i])).append('\n');
    }
    gauge(out, "probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds",
        seconds(phases[0]));
    result.steps().stream().flatMap(s -> s.certNotAfter().stream()).min(java.util.Comparator.naturalOrder())
        .ifPresent(expiry -> gauge(out, "probe_ssl_earliest_cert_expiry",
            "Returns last SSL chain expiry in unixtime", expiry.getEpochSecond()));

    header(out, "probe_step_success", "Whether each step of the flow passed (1), failed or was skipped (0)", "gauge");
    for (StepResult step : result.steps()) {
      boolean ok = step.status() == StepStatus.PASSED || step.status() == StepStatus.DEGRADED;
      out.append("probe_step_success{step=\"").append(escape(step.name())).append("\"} ")
          .append(ok ? 1 : 0).append('\n');
    }
    header(out, "probe_step_duration_seconds", "Duration of each step of the flow", "gauge");
    for (StepResult step : result.steps()) {
      out.append("probe_step_duration_seconds{step=\"").append(escape(step.name())).append("\"} ")
          .append(seconds(step.duration())).append('\n');
    }
    header(out, "probe_step_http_status_code", "HTTP status of each step (0 when none arrived)", "gauge");
    for (StepResult step : result.steps()) {
      out.append("probe_step_http_status_code{step=\"").append(escape(step.name())).append("\"} ")
          .append(step.httpStatus().orElse(0)).append('\n');
    }
    header(out, "probe_failed_step_info", "The step the flow failed at, and why (absent when it passed)", "gauge");
    result.failure().ifPresent(f -> out.append("probe_failed_step_info{step=\"").append(escape(f.step()))
        .append("\",component=\"").append(escape(f.component()))
        .append("\",reason=\"").append(f.reason().wireName()).append("\"} 1\n"));
    return out.toString();
  }

  private static StepResult lastThatRan(ProbeResult result) {
    StepResult last = null;
    for (StepResult step : result.steps()) {
      if (step.status() != StepStatus.SKIPPED) {
        last = step;
      }
    }
    return last;
  }

  private static void gauge(StringBuilder out, String name, String help, Object value) {
    header(out, name, help, "gauge");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.6f", d.toNanos() / 1e9);
  }

  /** Label values per the exposition format: backslash, quote and newline escaped. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
