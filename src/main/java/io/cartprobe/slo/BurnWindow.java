package io.cartprobe.slo;

import java.util.List;

/**
 * One multi-window burn-rate alert of the Google SRE workbook ("Alerting on SLOs", table 5-8):
 * fire when both windows spend the budget {@code factor} times faster than the SLO allows. The
 * long window says it matters, the short one that it is still happening, so the alert resolves
 * soon after the burn stops.
 */
public record BurnWindow(Kind kind, double factor, String longWindow, String shortWindow) {

  /** page: wake someone (2 % / 5 % of a 30d budget gone in 1h / 6h); ticket: look tomorrow. */
  public enum Kind {
    PAGE("critical"),
    TICKET("warning");

    private final String severity;

    Kind(String severity) {
      this.severity = severity;
    }

    public String severity() {
      return severity;
    }
  }

  public static final List<BurnWindow> STANDARD = List.of(
      new BurnWindow(Kind.PAGE, 14.4, "1h", "5m"),
      new BurnWindow(Kind.PAGE, 6, "6h", "30m"),
      new BurnWindow(Kind.TICKET, 3, "1d", "2h"),
      new BurnWindow(Kind.TICKET, 1, "3d", "6h"));

  /** Every window a rule reads, shortest first: each gets a recording rule. */
  public static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");
}
