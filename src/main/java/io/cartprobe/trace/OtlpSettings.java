package io.cartprobe.trace;

import io.cartprobe.config.OtlpConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether traces are wanted, and the SDK autoconfiguration properties that say where they go:
 * {@code agent.otlp} as defaults, the standard {@code OTEL_*} environment over them (as the SDK
 * itself ranks them), and cartprobe's own fixed choices over both.
 */
record OtlpSettings(Map<String, String> defaults, Map<String, String> overrides) {

  static final String SERVICE_NAME = "cartprobe";

  /** Empty unless {@code agent.otlp} or the environment asks for OTLP traces. */
  static Optional<OtlpSettings> of(Optional<OtlpConfig> file, Map<String, String> env) {
    if (env.getOrDefault("OTEL_SDK_DISABLED", "").trim().equalsIgnoreCase("true")) {
      return Optional.empty();
    }
    List<String> exporters = List.of(env.getOrDefault("OTEL_TRACES_EXPORTER", "")
        .toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    if (exporters.contains("none")) {
      return Optional.empty();
    }
    boolean asked = file.isPresent() || exporters.contains("otlp")
        || env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
        || env.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (!asked) {
      return Optional.empty();
    }

    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("otel.service.name", SERVICE_NAME);
    // The specification's default; older SDKs default to grpc.
    defaults.put("otel.exporter.otlp.protocol", OtlpConfig.Protocol.HTTP_PROTOBUF.wireName());
    file.ifPresent(otlp -> {
      defaults.put("otel.exporter.otlp.endpoint", otlp.endpoint());
      defaults.put("otel.exporter.otlp.protocol", otlp.protocol().wireName());
      defaults.put("otel.exporter.otlp.timeout", otlp.timeout().toMillis() + "ms");
      if (!otlp.headers().isEmpty()) {
        // The OTEL_EXPORTER_OTLP_HEADERS form: comma-separated, values percent-encoded.
        defaults.put("otel.exporter.otlp.headers", otlp.headers().entrySet().stream()
            .map(h -> h.getKey() + "=" + URLEncoder.encode(h.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining(",")));
      }
    });

    Map<String, String> overrides = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("OTEL_")) {
        overrides.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    // Only traces: cartprobe's metrics are Prometheus's, its logs stderr's.
    overrides.put("otel.traces.exporter", "otlp");
    overrides.put("otel.metrics.exporter", "none");
    overrides.put("otel.logs.exporter", "none");
    return Optional.of(new OtlpSettings(defaults, overrides));
  }
}
