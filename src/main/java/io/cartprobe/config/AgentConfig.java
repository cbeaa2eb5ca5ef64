package io.cartprobe.config;

import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The `agent:` section; only `cartprobe agent` acts on it. */
public record AgentConfig(
    String listenHost,
    int listenPort,
    int maxConcurrency,
    Optional<Path> stateFile,
    Map<String, String> labels,
    Optional<String> adminToken,
    Duration evidenceMinInterval,
    Optional<String> probeToken,
    int maxBrowsers) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9781;
  public static final int DEFAULT_MAX_CONCURRENCY = 64;
  /** An evidence probe is run for failing checkouts at most this often (providers rate-limit). */
  public static final Duration DEFAULT_EVIDENCE_MIN_INTERVAL = Duration.ofSeconds(30);

  /** Browser-step runs at once (each a fresh context in the one Chromium). */
  public static final int DEFAULT_MAX_BROWSERS = 2;

  public AgentConfig(String listenHost, int listenPort, int maxConcurrency,
      Optional<Path> stateFile, Map<String, String> labels, Optional<String> adminToken,
      Duration evidenceMinInterval, Optional<String> probeToken) {
    this(listenHost, listenPort, maxConcurrency, stateFile, labels, adminToken,
        evidenceMinInterval, probeToken, DEFAULT_MAX_BROWSERS);
  }

  public AgentConfig {
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  public static AgentConfig defaults() {
    return new AgentConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_CONCURRENCY,
        Optional.empty(), Map.of(), Optional.empty(), DEFAULT_EVIDENCE_MIN_INTERVAL,
        Optional.empty());
  }
}
