package io.cartprobe.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/** Numbers and times the way people glance at them: "268 ms", "4m 10s ago", "98.3%". */
final class Format {

  // UTC throughout: the agent, the traces and the alerts all speak UTC, so the page does too.
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("MMM d HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Format() {}

  static String duration(Duration d) {
    long micros = d.toNanos() / 1_000;
    if (micros < 1_000) {
      return micros == 0 ? "0 ms" : String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
    if (micros < 1_000_000) {
      return (micros / 1000) + " ms";
    }
    if (micros < 10_000_000) {
      return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
  }

  /** "12s", "4m 10s", "3h 5m", "2d 4h": two units at most, enough to judge staleness. */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
    }
    if (s < 86_400) {
      return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + "m");
    }
    return (s / 86_400) + "d" + ((s % 86_400) / 3600 == 0 ? "" : " " + (s % 86_400) / 3600 + "h");
  }

  /** A time of day when within a day of {@code now}, else with its date. */
  static String time(Instant at, Instant now) {
    return Duration.between(at, now).abs().compareTo(Duration.ofHours(20)) < 0
        ? TIME.format(at) : DATE_TIME.format(at);
  }

  static String percent(OptionalDouble ratio) {
    if (ratio.isEmpty()) {
      return "–";
    }
    double p = ratio.getAsDouble() * 100;
    // 99.96% must not round up to a "100%" that hides a failure.
    if (p < 100 && p > 99.9) {
      return "99.9%";
    }
    return p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f%%", p)
        : String.format(Locale.ROOT, "%.1f%%", Math.floor(p * 10) / 10);
  }
}
