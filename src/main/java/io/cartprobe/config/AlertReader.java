package io.cartprobe.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads {@code alerts:}; names they refer to (probes, environments, webhooks) must exist. */
final class AlertReader {

  static final List<String> KEYS = List.of("name", "probes", "environments", "slos", "when", "resolve_after",
      "inhibited_by", "severity", "repeat", "runbook", "notify");
  static final List<String> FORMS = List.of("consecutive_failures", "failure_ratio", "latency_p95",
      "config_changed_within", "cert_expires_within", "burn_rate");
  static final List<String> WHEN_KEYS = List.of("consecutive_failures", "failure_ratio", "window", "min_runs",
      "latency_p95", "config_changed_within", "cert_expires_within", "burn_rate", "long_window", "short_window");
  static final List<String> SEVERITIES = List.of("critical", "warning", "info");

  private final Collection<String> probes;
  private final Collection<String> environments;
  private final Collection<String> webhooks;
  private final List<Slo> slos;

  AlertReader(Collection<String> probes, Collection<String> environments, Collection<String> webhooks,
      List<Slo> slos) {
    this.probes = probes;
    this.environments = environments;
    this.webhooks = webhooks;
    this.slos = slos;
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
    Optional<Slo> slo = m.get("slos").flatMap(this::slo);
    if (slo.isPresent()) {
      // the SLO says which runs count; a second scope beside it would only disagree
      for (String key : List.of("probes", "environments")) {
        m.get(key).ifPresent(k -> k.error("not used with slos: the alert watches the SLO's " + key));
      }
      probeRefs = slo.get().probes();
      envRefs = slo.get().environments();
    }
    Optional<Cursor> whenCursor = m.required("when");
    AlertCondition when = whenCursor.flatMap(AlertReader::when).map(w -> withSlo(w, slo)).orElse(null);
    boolean burnRate = whenCursor.flatMap(Cursor::map).filter(w -> w.has("burn_rate")).isPresent();
    if (burnRate && m.get("slos").isEmpty()) {
      whenCursor.get().error("burn_rate needs the SLO it burns: add slos: [NAME] to the alert");
    }
    if (!burnRate) {
      m.get("slos").ifPresent(s -> s.error("only used with when: {burn_rate: ...}"));
    }
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

  /** {@code slos: [NAME]}: exactly one SLO, which exists. */
  private Optional<Slo> slo(Cursor c) {
    List<String> names = Names.references(c, "slo", slos.stream().map(Slo::name).toList());
    if (c.list().map(List::size).filter(n -> n != 1).isPresent()) {
      c.error("expected one SLO (an alert burns one budget; write an alert per SLO)");
      return Optional.empty();
    }
    return slos.stream().filter(s -> names.contains(s.name())).findFirst();
  }

  /** A burn_rate read from {@code when} has no SLO yet; the alert's {@code slos} gives it one. */
  private static AlertCondition withSlo(AlertCondition when, Optional<Slo> slo) {
    return when instanceof AlertCondition.BurnRate b && slo.isPresent()
        ? new AlertCondition.BurnRate(b.factor(), b.longWindow(), b.shortWindow(), slo.get().name(),
            slo.get().errorBudget(), slo.get().degradedIsBad())
        : when;
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
    for (String key : List.of("long_window", "short_window")) {
      m.entry(key).filter(e -> !form.equals("burn_rate")).ifPresent(e -> report(m, e, "only used with burn_rate"));
    }
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
      case "burn_rate" -> burnRate(m, value);
      default -> value.duration().map(AlertCondition.CertExpiresWithin::new);
    };
  }

  /** The SLO is filled in by {@link #withSlo}; until then its budget is unknown (NaN). */
  private static Optional<AlertCondition> burnRate(MapCursor m, Cursor value) {
    Optional<Double> factor = value.number().flatMap(f -> {
      if (f.signum() <= 0) {
        value.error("expected a burn rate above 0 like 14.4, found " + value.shownValue(f.toPlainString()));
        return Optional.empty();
      }
      return Optional.of(f.doubleValue());
    });
    Optional<Duration> longWindow = m.required("long_window").flatMap(Cursor::duration);
    Optional<Duration> shortWindow = m.required("short_window").flatMap(Cursor::duration);
    if (longWindow.isPresent() && shortWindow.isPresent() && shortWindow.get().compareTo(longWindow.get()) >= 0) {
      m.get("short_window").orElseThrow().error("must be shorter than long_window ("
          + Durations.format(longWindow.get()) + "); the standard pairs are 1h/5m, 6h/30m, 1d/2h, 3d/6h");
      return Optional.empty();
    }
    return factor.isPresent() && longWindow.isPresent() && shortWindow.isPresent()
        ? Optional.of(new AlertCondition.BurnRate(factor.get(), longWindow.get(), shortWindow.get(), "",
            Double.NaN, false))
        : Optional.empty();
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
