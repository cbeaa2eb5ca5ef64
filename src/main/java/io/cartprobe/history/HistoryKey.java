package io.cartprobe.history;

import java.util.Comparator;
import java.util.Objects;

/**
 * One probe against one environment in one variant, the unit history is kept for.
 *
 * @param variant the variant's id; {@code ""} for a probe without a matrix
 */
public record HistoryKey(String probe, String environment, String variant)
    implements Comparable<HistoryKey> {

  private static final Comparator<HistoryKey> ORDER =
      Comparator.comparing(HistoryKey::probe).thenComparing(HistoryKey::environment)
          .thenComparing(HistoryKey::variant);

  public HistoryKey {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
    variant = variant == null ? "" : variant;
  }

  public HistoryKey(String probe, String environment) {
    this(probe, environment, "");
  }

  @Override
  public int compareTo(HistoryKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return probe + (variant.isEmpty() ? "" : "[" + variant + "]") + "@" + environment;
  }
}
