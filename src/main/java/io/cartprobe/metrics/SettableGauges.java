package io.cartprobe.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One gauge metric whose series hold values we set ("last run's status"), rather than values read
 * from some live object. Micrometer keeps only a weak reference to a gauge's state object, so a
 * value held nowhere else would be collected and the series would turn into NaN; the holders live
 * here, strongly referenced, for exactly as long as the series should be exported.
 */
final class SettableGauges {

  private final MeterRegistry registry;
  private final String name;
  private final String help;
  private final @Nullable String baseUnit;
  private final ConcurrentMap<Tags, Series> series = new ConcurrentHashMap<>();

  SettableGauges(MeterRegistry registry, String name, String help, @Nullable String baseUnit) {
    this.registry = registry;
    this.name = name;
    this.help = help;
    this.baseUnit = baseUnit;
  }

  /** Sets the series' value, registering it on first use with that value (never a 0 first). */
  void set(Tags tags, double value) {
    series.compute(tags, (t, existing) -> {
      if (existing != null) {
        existing.set(value);
        return existing;
      }
      DoubleHolder holder = new DoubleHolder(value);
      Gauge gauge = Gauge.builder(name, holder, DoubleHolder::get)
          .description(help)
          .baseUnit(baseUnit)
          .tags(t)
          .strongReference(true)
          .register(registry);
      return new Series(holder, gauge);
    });
  }

  /** Stops exporting every series whose own tags match, e.g. a probe removed by a reload. */
  void removeIf(Predicate<Tags> condition) {
    series.entrySet().removeIf(e -> {
      if (!condition.test(e.getKey())) {
        return false;
      }
      registry.remove(e.getValue().gauge());
      return true;
    });
  }

  private record Series(DoubleHolder holder, Gauge gauge) {
    void set(double value) {
      holder.set(value);
    }
  }

  /** A double that a scrape thread can read while a probe thread writes it. */
  private static final class DoubleHolder {
    private final AtomicLong bits;

    DoubleHolder(double initial) {
      bits = new AtomicLong(Double.doubleToRawLongBits(initial));
    }

    void set(double value) {
      bits.set(Double.doubleToRawLongBits(value));
    }

    double get() {
      return Double.longBitsToDouble(bits.get());
    }
  }
}
