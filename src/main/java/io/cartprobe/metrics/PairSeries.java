package io.cartprobe.metrics;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.result.ProbeResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-pair probe families and the alert gauges, kept as primitive state per pair and written
 * straight into the exposition beside Micrometer's (JVM, agent and the other cartprobe series).
 * Under Micrometer a thousand targets cost ~140 ms a scrape, half building snapshots, half
 * writing them; a pair's meters were looked up by their tags on every run.
 */
public final class PairSeries {

  private record PairKey(String probe, String env, String variant) {}

  private record AlertKey(String alert, String probe, String env, String variant) {}

  /** One alert instance's {@code cartprobe_alert_firing}; written only when it changes. */
  static final class AlertGauge {
    private final SeriesText.Labels labels;
    private volatile boolean firing;

    private AlertGauge(SeriesText.Labels labels, boolean firing) {
      this.labels = labels;
      this.firing = firing;
    }

    void set(boolean value) {
      if (firing != value) {
        firing = value;
      }
    }
  }

  private static final Comparator<PairMeters> ORDER = Comparator
      .comparing((PairMeters p) -> p.shape.probe())
      .thenComparing(p -> p.shape.env()).thenComparing(p -> p.shape.variant());

  private final Map<String, String> agentLabels;
  private final Map<PairKey, PairMeters> pairs = new ConcurrentHashMap<>();
  private final Map<AlertKey, AlertGauge> alerts = new ConcurrentHashMap<>();
  private volatile CartprobeConfig config;
  private volatile LatencyBuckets buckets = LatencyBuckets.defaults();

  private final Clock clock;

  PairSeries(Map<String, String> agentLabels, Clock clock) {
    this.agentLabels = Map.copyOf(agentLabels);
    this.clock = clock;
  }

  /** Records a finished run into its pair's meters. */
  void record(ProbeResult result) {
    meters(result).record(result, clock.instant());
  }

  /**
   * Takes a (re)loaded configuration: pairs it removed stop being exported; in a pair whose shape
   * it changed, a histogram whose buckets changed starts afresh (Prometheus reads a counter reset,
   * which {@code rate()} handles) and everything else keeps counting.
   */
  synchronized void configure(CartprobeConfig next, LatencyBuckets nextBuckets) {
    config = next;
    buckets = nextBuckets;
    Set<PairKey> current = new HashSet<>();
    for (ProbeConfig probe : next.probes()) {
      for (String env : probe.environments()) {
        probe.variants().forEach(v -> current.add(new PairKey(probe.name(), env, v.id())));
      }
    }
    pairs.keySet().retainAll(current);
    pairs.replaceAll((key, meters) -> {
      PairShape shape = shape(key).orElseThrow();
      return shape.equals(meters.shape) ? meters : new PairMeters(shape, agentLabels, meters);
    });
  }

  /** The pair's meters, resolved from the config on its first run and kept. */
  private PairMeters meters(ProbeResult result) {
    PairKey key = new PairKey(result.probe(), result.environment(), result.variant());
    PairMeters meters = pairs.get(key);
    if (meters != null) {
      return meters;
    }
    return pairs.computeIfAbsent(key, k -> new PairMeters(
        shape(k).orElseGet(() -> PairShape.unconfigured(result, buckets)), agentLabels));
  }

  private java.util.Optional<PairShape> shape(PairKey key) {
    CartprobeConfig c = config;
    if (c == null) {
      return java.util.Optional.empty();
    }
    return c.probes().stream().filter(p -> p.name().equals(key.probe())).findFirst()
        .filter(p -> p.environments().contains(key.env()) && p.variant(key.variant()).isPresent())
        .map(p -> PairShape.of(p, key.env(), key.variant(), buckets));
  }

  AlertGauge firing(String alert, String probe, String env, String variant, boolean initial) {
    AlertKey key = new AlertKey(alert, probe, env, variant);
    AlertGauge gauge = alerts.get(key);
    return gauge != null ? gauge : alerts.computeIfAbsent(key, k -> new AlertGauge(
        SeriesText.labels(agentLabels, "alert", alert, "env", env, "probe", probe,
            "variant", variant), initial));
  }

  /** Roughly what {@link #writeTo} will write, to size the buffer once. */
  int sizeHint() {
    return 2048 * pairs.size() + 128 * alerts.size();
  }

  /** What {@link #writeTo} hands on a piece of text to, once it is {@link #PIECE} long. */
  interface Drain {
    void take(StringBuilder text);
  }

  /** About what a piece of a drained scrape holds: small enough to die young. */
  static final int PIECE = 64 * 1024;

  /** Every family with at least one series, in either format (no {@code # EOF}: the caller ends). */
  void writeTo(StringBuilder out, boolean openMetrics) {
    writeTo(out, openMetrics, null);
  }

  /**
   * As {@link #writeTo(StringBuilder, boolean)}, handing {@code out} to {@code drain} (which
   * empties it) whenever it has grown past {@link #PIECE}, so the whole text never exists at
   * once; {@code null} keeps it all in {@code out}.
   */
  void writeTo(StringBuilder out, boolean openMetrics, Drain drain) {
    List<AlertGauge> gauges = alerts.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<AlertKey, AlertGauge> e) -> e.getKey().alert())
            .thenComparing(e -> e.getKey().probe()).thenComparing(e -> e.getKey().env())
            .thenComparing(e -> e.getKey().variant()))
        .map(Map.Entry::getValue).toList();
    if (!gauges.isEmpty()) {
      Family f = Family.ALERT_FIRING;
      SeriesText.header(out, f.metric, f.type, f.help, openMetrics);
      gauges.forEach(g -> SeriesText.sample(out, f.metric, g.labels, SeriesText.Labels.NONE, g.firing ? 1 : 0));
    }
    List<PairMeters> ordered = new ArrayList<>();
    pairs.values().forEach(p -> {
      if (p.seen()) {
        ordered.add(p);
      }
    });
    ordered.sort(ORDER);
    for (Family family : Family.values()) {
      if (family == Family.ALERT_FIRING || ordered.isEmpty()) {
        continue;
      }
      int start = out.length();
      SeriesText.header(out, family.metric, family.type, family.help, openMetrics);
      int body = out.length();
      boolean wrote = false;
      for (PairMeters p : ordered) {
        p.write(family, out, openMetrics);
        wrote |= out.length() > body;
        if (wrote && drain != null && out.length() >= PIECE) {
          drain.take(out); // only once the family has a series: its header may still go
          body = 0;
        }
      }
      if (!wrote) {
        out.setLength(start); // no series (no failure yet, no multi-step probe): no metadata
      }
    }
  }
}
