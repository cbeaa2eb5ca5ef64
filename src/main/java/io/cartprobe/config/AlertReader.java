package io.cartprobe.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads {@code alerts:}; names they refer to (probes, environments, webhooks) must exist. */
final class AlertReader {

  static final List<String> KEYS = List.of("name", "probes", "environments", "when", "resolve_after",
      "inhibited_by", "severity", "repeat", "runbook", "notify");
  static final List<String> FORMS =
      List.of("consecutive_failures", "failure_ratio", "latency_p95", "config_changed_within", "cert_expires_within");
  static final List<String> WHEN_KEYS = List.of("consecutive_failures", "failure_ratio", "window", "min_runs",
      "latency_p95", "config_changed_within", "cert_expires_within");
  static final List<String> SEVERITIES = List.of("critical", "warning", "info");

  private final Collection<String> probes;
  private final Collection<String> environments;
  private final Collection<String> webhooks;

  AlertReader(Collection<String> probes, Collection<String> environments, Collection<String> webhooks) {
    this.probes = probes;
    this.environments = environments;
    this.webhooks = webhooks;
  }

  List<AlertRule> read(Cursor c) {
    Names names = new Names("alert");
    List<AlertRule> rules = new ArrayList<>();
    List<Cursor> inhibitions = new ArrayList<>();
    for (Cursor item : c.list().orElse(List.of())) {
      item.map().ifPresent(m -> {
        rules.add(rule(m.allow(KEYS), names));
        m.get("inhibited_by").ifPresent(inhibitions::add);
      });
    }
    // inhibited_by may name an alert defined further down, so it is checked once all are known.
    List<String> defined = rules.stream().map(AlertRule::name).filter(n -> !n.isEmpty()).distinct().toList();
    inhibitions.forEach(i -> Names.references(i, "alert", defined));
    return rules;
  }

  private AlertRule rule(MapCursor m, Names names) {
    String name = m.required("name").flatMap(n -> n.name().map(s -> {
      names.define(n, s);
      return s;
    })).orElse("");
    List<String> probeRefs = m.get("probes").map(p -> Names.references(p, "probe", probes)).orElse(List.of());
    List<String> envRefs = m.get("environments")
        .map(e -> Names.references(e, "environment", environments)).orElse(List.of());
    AlertCondition when = m.required("when").flatMap(AlertReader::when).orElse(null);
    int resolveAfter = m.get("resolve_after").flatMap(r -> r.integer(1, Integer.MAX_VALUE)).orElse(1);
    List<String> inhibitedBy = m.get("inhibited_by").map(Cursor::stringList).orElse(List.of());
    m.get("inhibited_by").ifPresent(i -> i.list().orElse(List.of()).forEach(item -> {
      if (item.string().filter(name::equals).isPresent() && !name.isEmpty()) {
        item.error("an alert cannot inhibit itself");
      }
    }));
    String severity = m.get("severity").flatMap(s -> s.oneOf("severity", SEVERITIES)).orElse("warning");
    Optional<Duration> repeat = m.get("repeat").flatMap(Cursor::duration);
    Optional<String> runbook = m.get("runbook").flatMap(Cursor::httpUrl);
    List<String> notify = m.get("notify").map(n -> Names.references(n, "webhook", webhooks)).orElse(List.of());
    return new AlertRule(name, probeRefs, envRefs, when, resolveAfter, inhibitedBy, severity, repeat, runbook,
        notify);
  }

  static Optional<AlertCondition> when(Cursor c) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return Optional.empty();
    }
    MapCursor m = map.get().allow(WHEN_KEYS);
    List<String> forms = FORMS.stream().filter(m::has).toList();
    if (forms.size() != 1) {
      c.error("expected exactly one of " + String.join(", ", FORMS)
          + (forms.isEmpty() ? "" : " (found " + String.join(", ", forms) + ")"));
      return Optional.empty();
    }
    String form = forms.getFirst();
    boolean windowed = form.equals("failure_ratio") || form.equals("latency_p95");
    m.entry("window").filter(e -> !windowed).ifPresent(e -> report(m, e, "only used with failure_ratio or latency_p95"));
    m.entry("min_runs").filter(e -> !form.equals("failure_ratio")).ifPresent(e -> report(m, e, "only used with failure_ratio"));
    Cursor value = m.get(form).orElseThrow();
    return switch (form) {
      case "consecutive_failures" -> value.integer(1, Integer.MAX_VALUE).map(AlertCondition.ConsecutiveFailures::new);
      case "failure_ratio" -> {
        Optional<Double> ratio = value.number().flatMap(r -> ratio(value, r));
        Optional<Duration> window = m.required("window").flatMap(Cursor::duration);
        int minRuns = m.get("min_runs").flatMap(r -> r.integer(1, Integer.MAX_VALUE)).orElse(1);
        yield ratio.isPresent() && window.isPresent()
            ? Optional.of(new AlertCondition.FailureRatio(ratio.get(), window.get(), minRuns)) : Optional.empty();
      }
      case "latency_p95" -> {
        Optional<Duration> threshold = value.duration();
        Optional<Duration> window = m.required("window").flatMap(Cursor::duration);
        yield threshold.isPresent() && window.isPresent()
            ? Optional.of(new AlertCondition.LatencyP95(threshold.get(), window.get())) : Optional.empty();
      }
      case "config_changed_within" -> value.duration().map(AlertCondition.ConfigChangedWithin::new);
      default -> value.duration().map(AlertCondition.CertExpiresWithin::new);
    };
  }

  private static Optional<Double> ratio(Cursor at, BigDecimal r) {
    if (r.signum() <= 0 || r.compareTo(BigDecimal.ONE) > 0) {
      at.error("must be greater than 0 and at most 1, found " + at.shownValue(r.toPlainString()));
      return Optional.empty();
    }
    return Optional.of(r.doubleValue());
  }

  private static void report(MapCursor m, MapCursor.Entry e, String message) {
    m.cursor().session().diagnostics().report(e.keyMark(), e.value().path(), message);
  }
}
