package io.cartprobe.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads {@code slos:}. */
final class SloReader {

  static final List<String> KEYS =
      List.of("name", "probes", "environments", "objective", "window", "degraded_is_bad");
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** The longest burn-rate alert window (3d) needs a window at least this long to mean much. */
  static final Duration MIN_WINDOW = Duration.ofHours(1);

  private final Collection<String> probes;
  private final Collection<String> environments;

  SloReader(Collection<String> probes, Collection<String> environments) {
    this.probes = probes;
    this.environments = environments;
  }

  List<Slo> read(Cursor c) {
    Names names = new Names("slo");
    List<Slo> out = new ArrayList<>();
    for (Cursor item : c.list().orElse(List.of())) {
      item.map().ifPresent(m -> out.add(slo(m.allow(KEYS), names)));
    }
    return out;
  }

  private Slo slo(MapCursor m, Names names) {
    String name = m.required("name").flatMap(n -> n.name().map(s -> {
      names.define(n, s);
      return s;
    })).orElse("");
    List<String> probeRefs = m.required("probes")
        .map(p -> Names.references(p, "probe", probes)).orElse(List.of());
    List<String> envRefs = m.get("environments")
        .map(e -> Names.references(e, "environment", environments)).orElse(List.of());
    double objective = m.required("objective").flatMap(SloReader::objective).orElse(99.0);
    Duration window = m.get("window").flatMap(Cursor::duration).orElse(DEFAULT_WINDOW);
    if (window.compareTo(MIN_WINDOW) < 0) {
      m.get("window").orElseThrow().error("an SLO window shorter than 1h says little; "
          + "expected a duration like 30d or 7d");
    }
    boolean degradedIsBad = m.get("degraded_is_bad").flatMap(Cursor::bool).orElse(false);
    return new Slo(name, probeRefs, envRefs, objective, window, degradedIsBad);
  }

  private static java.util.Optional<Double> objective(Cursor c) {
    return c.number().flatMap(n -> {
      if (n.compareTo(BigDecimal.ZERO) <= 0 || n.compareTo(BigDecimal.valueOf(100)) >= 0) {
        c.error("expected a percentage between 0 and 100 (exclusive) like 99.5, found " + n);
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(n.doubleValue());
    });
  }
}
