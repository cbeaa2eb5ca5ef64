package io.cartprobe.config;

import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The `agent:` section; only `cartprobe agent` acts on it, except {@code otlp}, which `run`
 * honours too.
 *
 * @param maxBrowsers browser-step runs at once (each a fresh context in the one Chromium)
 * @param artifactsDir where the agent keeps failed browser steps' screenshots and page logs;
 *     none kept when absent
 * @param artifactsMaxMb the size cap of {@code artifactsDir}; the oldest runs' go first
 * {@code externalUrl}: where people reach the agent (behind a proxy or ingress), the
 * base of every link a notification carries; without it, the listen address.
 */
public record AgentConfig(
    String listenHost,
    int listenPort,
    int maxConcurrency,
    Optional<Path> stateFile,
    Map<String, String> labels,
    Optional<String> adminToken,
    Duration evidenceMinInterval,
    Optional<String> probeToken,
    Optional<OtlpConfig> otlp,
    int maxBrowsers,
    Optional<Path> artifactsDir,
    int artifactsMaxMb,
    Optional<String> externalUrl) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9781;
  public static final int DEFAULT_MAX_CONCURRENCY = 64;
  /** An evidence probe is run for failing checkouts at most this often (providers rate-limit). */
  public static final Duration DEFAULT_EVIDENCE_MIN_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_BROWSERS = 2;
  public static final int DEFAULT_ARTIFACTS_MAX_MB = 100;

  public AgentConfig {
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    externalUrl = externalUrl == null ? Optional.empty() : externalUrl;
  }

  /** Browser settings at their defaults, no artifacts kept, links naming the listen address. */
  public AgentConfig(String listenHost, int listenPort, int maxConcurrency,
      Optional<Path> stateFile, Map<String, String> labels, Optional<String> adminToken,
      Duration evidenceMinInterval, Optional<String> probeToken, Optional<OtlpConfig> otlp) {
    this(listenHost, listenPort, maxConcurrency, stateFile, labels, adminToken,
        evidenceMinInterval, probeToken, otlp, DEFAULT_MAX_BROWSERS, Optional.empty(),
        DEFAULT_ARTIFACTS_MAX_MB, Optional.empty());
  }

  /** Without {@code otlp}: no traces unless the OTEL_* environment asks for them. */
  public AgentConfig(String listenHost, int listenPort, int maxConcurrency,
      Optional<Path> stateFile, Map<String, String> labels, Optional<String> adminToken) {
    this(listenHost, listenPort, maxConcurrency, stateFile, labels, adminToken,
        DEFAULT_EVIDENCE_MIN_INTERVAL, Optional.empty(), Optional.empty());
  }

  /**
   * The base of every link the agent hands out, ending in "/": {@code external_url}, else the
   * listen address (a wildcard one as {@code localhost}) on {@code boundPort}.
   */
  public String linkBase(int boundPort) {
    if (externalUrl.isPresent()) {
      String url = externalUrl.get();
      return url.endsWith("/") ? url : url + "/";
    }
    String host = listenHost.equals("0.0.0.0") || listenHost.equals("::") ? "localhost" : listenHost;
    return "http://" + host + ":" + boundPort + "/";
  }

  public static AgentConfig defaults() {
    return new AgentConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_CONCURRENCY,
        Optional.empty(), Map.of(), Optional.empty(), DEFAULT_EVIDENCE_MIN_INTERVAL,
        Optional.empty(), Optional.empty());
  }
}
