package io.cartprobe.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code agent:}. */
final class AgentReader {

  static final List<String> KEYS = List.of("listen", "max_concurrency", "state_file", "labels", "admin_token",
      "evidence_min_interval", "probe_token", "otlp", "max_browsers", "artifacts_dir",
      "artifacts_max_mb", "external_url");

  /** Labels cartprobe sets itself; a user label of the same name would clash on every series. */
  static final List<String> RESERVED_LABELS =
      List.of("probe", "env", "step", "phase", "reason", "result", "alert", "webhook", "outcome", "version",
          "slo", "window");

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]*):(\\d{1,5})");

  private AgentReader() {}

  static AgentConfig read(Cursor c) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return AgentConfig.defaults();
    }
    MapCursor m = map.get().allow(KEYS);
    HostPort listen = m.get("listen").flatMap(AgentReader::listen)
        .orElse(new HostPort(AgentConfig.DEFAULT_HOST, AgentConfig.DEFAULT_PORT));
    int maxConcurrency = m.get("max_concurrency").flatMap(v -> v.integer(1, Integer.MAX_VALUE))
        .orElse(AgentConfig.DEFAULT_MAX_CONCURRENCY);
    Optional<Path> stateFile = m.get("state_file").flatMap(v -> v.string().flatMap(s -> path(v, s)));
    Map<String, String> labels = m.get("labels").map(AgentReader::labels).orElse(Map.of());
    Optional<String> adminToken = m.get("admin_token").flatMap(Cursor::string);
    java.time.Duration evidenceMinInterval = m.get("evidence_min_interval").flatMap(Cursor::duration)
        .orElse(AgentConfig.DEFAULT_EVIDENCE_MIN_INTERVAL);
    Optional<String> probeToken = m.get("probe_token").flatMap(Cursor::string);
    Optional<OtlpConfig> otlp = m.get("otlp").flatMap(OtlpReader::read);
    Optional<String> externalUrl = m.get("external_url").flatMap(Cursor::httpUrl);
    return new AgentConfig(listen.host(), listen.port(), maxConcurrency, stateFile, labels, adminToken,
        evidenceMinInterval, probeToken, otlp,
        m.get("max_browsers").flatMap(v -> v.integer(1, 64)).orElse(AgentConfig.DEFAULT_MAX_BROWSERS),
        m.get("artifacts_dir").flatMap(v -> v.string().flatMap(s -> path(v, s))),
        m.get("artifacts_max_mb").flatMap(v -> v.integer(1, 1_000_000))
            .orElse(AgentConfig.DEFAULT_ARTIFACTS_MAX_MB), externalUrl);
  }

  private record HostPort(String host, int port) {}

  private static Optional<HostPort> listen(Cursor c) {
    Optional<String> text = c.string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = LISTEN.matcher(text.get().trim());
    if (!matcher.matches()) {
      c.error("expected HOST:PORT like 0.0.0.0:9781, found " + c.shown(text.get()));
      return Optional.empty();
    }
    int port = Integer.parseInt(matcher.group(2));
    if (port > 65535) {
      c.error("port must be between 0 and 65535, found " + c.shown(matcher.group(2), Integer.toString(port)));
      return Optional.empty();
    }
    String host = matcher.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1); // [::1]:9781: the brackets only delimit the port
    }
    return Optional.of(new HostPort(host.isEmpty() ? AgentConfig.DEFAULT_HOST : host, port));
  }

  private static Optional<Path> path(Cursor at, String text) {
    try {
      return Optional.of(Path.of(text));
    } catch (InvalidPathException e) {
      at.error("invalid path " + at.shown(text) + ": " + e.getReason());
      return Optional.empty();
    }
  }

  private static Map<String, String> labels(Cursor c) {
    Map<String, String> labels = new LinkedHashMap<>();
    c.map().ifPresent(m -> m.entries().forEach(e -> {
      String name = e.key();
      String problem = !LABEL_NAME.matcher(name).matches()
          ? "invalid label name (use letters, digits and '_', not starting with a digit)"
          : name.startsWith("__") ? "reserved label name (names starting with '__' are Prometheus's own)"
          : RESERVED_LABELS.contains(name) ? "reserved label name (cartprobe sets it on its own series; reserved: "
              + String.join(", ", RESERVED_LABELS) + ")"
          : null;
      if (problem != null) {
        c.session().diagnostics().report(e.keyMark(), e.value().path(), problem);
      }
      e.value().string().ifPresent(v -> labels.put(name, v));
    }));
    return labels;
  }
}
