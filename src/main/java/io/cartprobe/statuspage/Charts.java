package io.cartprobe.statuspage;

import io.cartprobe.Words;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG drawn on the server: no script library, nothing to download, and the same picture
 * in every browser. Shape carries the meaning as well as colour: in the strip a failed run is a
 * full-height bar, a degraded one half, a passing one a low tick; in the sparkline failed runs
 * are marked with a cross.
 */
final class Charts {

  static final int WIDTH = 240;
  static final int HEIGHT = 32;

  private Charts() {}

  /** Run durations as a line, scaled to the slowest run shown. */
  static void sparkline(Markup m, List<RunRecord> runs, Instant now) {
    String label = runs.isEmpty() ? "no runs yet"
        : "duration of the last " + Words.count(runs.size(), "run") + ", slowest "
            + Format.duration(runs.stream().map(RunRecord::duration).max(java.util.Comparator
                .naturalOrder()).orElseThrow());
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "spark", "role", "img",
        "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "preserveAspectRatio", "none",
        "aria-label", label);
    m.element("title", label);
    if (runs.size() >= 1) {
      long max = Math.max(1, runs.stream().mapToLong(r -> r.duration().toNanos()).max().orElse(1));
      double step = runs.size() == 1 ? 0 : (double) (WIDTH - 4) / (runs.size() - 1);
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < runs.size(); i++) {
        points.append(num(x(i, step))).append(',')
            .append(num(y(runs.get(i).duration().toNanos(), max))).append(' ');
      }
      m.empty("polyline", "class", "line", "points", points.toString().trim(),
          "vector-effect", "non-scaling-stroke");
      for (int i = 0; i < runs.size(); i++) {
        RunRecord run = runs.get(i);
        if (run.failed()) {
          double x = x(i, step);
          double y = y(run.duration().toNanos(), max);
          m.empty("path", "class", "fail-mark", "d", "M" + num(x - 2.5) + " " + num(y - 2.5)
              + "l5 5m0 -5l-5 5", "vector-effect", "non-scaling-stroke");
        }
      }
    }
    m.close();
  }

  /** One bar per run, oldest left; each bar says its time and verdict when hovered. */
  static void strip(Markup m, List<RunRecord> runs, int slots, Instant now) {
    long failed = runs.stream().filter(RunRecord::failed).count();
    long degraded = runs.stream().filter(r -> r.verdict() == Verdict.DEGRADED).count();
    String label = runs.isEmpty() ? "no runs yet"
        : "last " + Words.count(runs.size(), "run") + ": " + (runs.size() - failed - degraded) + " passed, "
            + degraded + " degraded, " + failed + " failed";
    double slot = (double) WIDTH / Math.max(slots, 1);
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "strip", "role", "img",
        "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "preserveAspectRatio", "none",
        "aria-label", label);
    m.element("title", label);
    // Right-aligned: the newest run is always at the right edge, however few there are.
    int offset = Math.max(0, slots - runs.size());
    for (int i = 0; i < runs.size(); i++) {
      RunRecord run = runs.get(i);
      double height = switch (run.verdict()) {
        case FAILURE -> HEIGHT;
        case DEGRADED -> HEIGHT * 0.6;
        case SUCCESS -> HEIGHT * 0.3;
      };
      String cls = switch (run.verdict()) {
        case FAILURE -> "bar failing";
        case DEGRADED -> "bar degraded";
        case SUCCESS -> "bar passing";
      };
      m.open("rect", "class", cls, "x", num((offset + i) * slot + 0.5),
          "y", num(HEIGHT - height), "width", num(Math.max(slot - 1, 0.5)),
          "height", num(height));
      m.element("title", Format.time(run.startedAt(), now) + " " + run.verdict().wireName()
          + " " + Format.duration(run.duration())
          + run.failedStep().map(s -> " at " + s).orElse(""));
      m.close();
    }
    m.close();
  }

  private static double x(int i, double step) {
    return 2 + i * step;
  }

  private static double y(long nanos, long max) {
    return HEIGHT - 3 - (HEIGHT - 6) * ((double) nanos / max);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
