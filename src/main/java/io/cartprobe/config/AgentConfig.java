package io.cartprobe.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The `agent:` section; only `cartprobe agent` acts on it, except {@code otlp}, which `run`
 * honours too.
 */
public record AgentConfig(
    String listenHost,
    int listenPort,
    int maxConcurrency,
    Optional<Path> stateFile,
    Map<String, String> labels,
    Optional<String> adminToken,
    Optional<OtlpConfig> otlp) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9781;
  public static final int DEFAULT_MAX_CONCURRENCY = 64;

  public AgentConfig {
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  /** Without {@code otlp}: no traces unless the OTEL_* environment asks for them. */
  public AgentConfig(String listenHost, int listenPort, int maxConcurrency,
      Optional<Path> stateFile, Map<String, String> labels, Optional<String> adminToken) {
    this(listenHost, listenPort, maxConcurrency, stateFile, labels, adminToken, Optional.empty());
  }

  public static AgentConfig defaults() {
    return new AgentConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_CONCURRENCY,
        Optional.empty(), Map.of(), Optional.empty());
  }
}
