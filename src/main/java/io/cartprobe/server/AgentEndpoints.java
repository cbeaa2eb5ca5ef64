package io.cartprobe.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.metrics.MetricsExposition;
import io.cartprobe.result.ProbeResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP endpoints ask of the running agent. The server only translates HTTP to these
 * calls and back; it holds no probe, schedule or metrics logic of its own.
 */
public interface AgentEndpoints {

  /** Config loaded and the scheduler running. */
  boolean ready();

  /**
   * What a ready agent cannot do right now (its state file cannot be written): a line in
   * {@code /readyz}'s answer, which stays 200, since probing goes on.
   */
  default Optional<String> readinessNote() {
    return Optional.empty();
  }

  /** A scrape, gzip-compressed as it is rendered (the server inflates it for who asks). */
  MetricsExposition.Compressed scrapeGzip(Optional<String> acceptHeader);

  /** Every probe × environment with its last result and alert states, for {@code /api/status}. */
  JsonNode status();

  /**
   * Runs one probe against one environment now, synchronously, for {@code /probe}.
   *
   * @param variant the variant of the probe's matrix ({@code ""} for a probe without one)
   */
  ProbeNow probeNow(String probe, String environment, String variant, Optional<Duration> deadline);

  /** Loads the config file again; a bad file is rejected and the running config stays. */
  ReloadOutcome reload();

  /** When set, {@code POST /-/reload} requires it as a bearer token. */
  Optional<String> adminToken();

  /** When set, {@code GET /probe} requires it as a bearer token (each run places real orders). */
  Optional<String> probeToken();

  /** The HTML status page ({@code GET /}). */
  String statusPage();

  /** {@code GET /probes/NAME/ENV}: the latest run's step table; empty for an unknown pair. */
  Optional<String> probePage(String rawPath);

  /**
   * {@code GET /incidents/ID}: an alert episode's evidence page, JSON when {@code accept} asks
   * for {@code application/json}; 404 for an unknown id.
   */
  default HttpAnswer incident(String rawPath, Optional<String> accept) {
    return new HttpAnswer(404, "text/plain; charset=utf-8", "no such incident\n");
  }

  /** {@code GET /api/history?probe=&env=&since=}. */
  HttpAnswer history(String rawQuery);

  record HttpAnswer(int status, String contentType, String body) {}

  /** {@code GET /artifacts/RUN/FILE}: a failed browser step's screenshot or page log. */
  default Optional<FileAnswer> artifact(String rawPath) {
    return Optional.empty();
  }

  record FileAnswer(String contentType, byte[] body) {}

  sealed interface ProbeNow {
    record Ran(ProbeResult result) implements ProbeNow {}

    /** Unknown probe or environment: the message says which names exist. */
    record NotFound(String message) implements ProbeNow {}

    /**
     * Not run now: the pair's previous run is still going, or {@code max_concurrency} runs are
     * (counted in {@code cartprobe_probe_skipped_total} like a scheduled skip).
     */
    record Busy(String message) implements ProbeNow {}
  }

  record ReloadOutcome(boolean accepted, List<String> errors) {
    public ReloadOutcome {
      errors = List.copyOf(errors);
    }
  }
}
