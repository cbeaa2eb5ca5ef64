package io.cartprobe.history;

import java.util.Comparator;
import java.util.Objects;

/** One probe against one environment, the unit history is kept for. */
public record HistoryKey(String probe, String environment) implements Comparable<HistoryKey> {

  private static final Comparator<HistoryKey> ORDER =
      Comparator.comparing(HistoryKey::probe).thenComparing(HistoryKey::environment);

  public HistoryKey {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
  }

  @Override
  public int compareTo(HistoryKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return probe + "@" + environment;
  }
}
