package io.cartprobe.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code GET /} shows, filled by the agent.
 *
 * @param agentLabels {@code agent.labels} (e.g. location), shown in the header
 * @param refresh how often the page fetches itself again
 * @param rows one per probe × environment, in any order (the page sorts failing first)
 * @param undelivered notifications given up on, newest last
 * @param warnings what in the running config people must know about (insecure TLS), shown on top
 * @param slos each SLO × environment, in the file's order
 */
public record StatusView(
    Map<String, String> agentLabels,
    String version,
    Instant generatedAt,
    ConfigReload reload,
    Duration refresh,
    List<StatusRow> rows,
    List<UndeliveredNotification> undelivered,
    List<String> warnings,
    List<SloPanel> slos) {

  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(15);

  public StatusView(Map<String, String> agentLabels, String version, Instant generatedAt,
      ConfigReload reload, Duration refresh, List<StatusRow> rows) {
    this(agentLabels, version, generatedAt, reload, refresh, rows, List.of());
  }

  public StatusView(Map<String, String> agentLabels, String version, Instant generatedAt,
      ConfigReload reload, Duration refresh, List<StatusRow> rows,
      List<UndeliveredNotification> undelivered) {
    this(agentLabels, version, generatedAt, reload, refresh, rows, undelivered, List.of());
  }

  public StatusView(Map<String, String> agentLabels, String version, Instant generatedAt,
      ConfigReload reload, Duration refresh, List<StatusRow> rows,
      List<UndeliveredNotification> undelivered, List<String> warnings) {
    this(agentLabels, version, generatedAt, reload, refresh, rows, undelivered, warnings, List.of());
  }

  public StatusView {
    agentLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agentLabels));
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(reload, "reload");
    Objects.requireNonNull(refresh, "refresh");
    rows = List.copyOf(rows);
    undelivered = List.copyOf(undelivered);
    warnings = List.copyOf(warnings);
    slos = List.copyOf(slos);
  }

  public long count(StatusState state) {
    return rows.stream().filter(r -> r.state() == state).count();
  }
}
