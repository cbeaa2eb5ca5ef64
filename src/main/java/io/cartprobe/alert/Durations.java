package io.cartprobe.alert;

import java.time.Duration;

/** Durations the way probes.yaml writes them, so notifications read like the config. */
public final class Durations {

  private Durations() {}

  /** "1h 2m 3s", "45s", "250ms". */
  public static String human(Duration d) {
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    long seconds = d.toSeconds();
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append("d ");
    }
    if (hours > 0) {
      text.append(hours).append("h ");
    }
    if (minutes > 0) {
      text.append(minutes).append("m ");
    }
    if (secs > 0 || text.isEmpty()) {
      text.append(secs).append("s");
    }
    return text.toString().trim();
  }

  /** A wait as a person reads it: "520ms", "1.52s", "2m 30s" (never Java's "PT0.52S"). */
  public static String brief(Duration d) {
    return d.compareTo(Duration.ofMinutes(1)) < 0 ? latency(d.isNegative() ? Duration.ZERO : d)
        : human(d);
  }

  /** Latency with millisecond precision: "2.4s", "850ms". */
  public static String latency(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.2fs", ms / 1000.0);
  }
}
