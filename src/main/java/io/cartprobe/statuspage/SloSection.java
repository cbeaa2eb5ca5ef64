package io.cartprobe.statuspage;

import java.util.List;
import java.util.Locale;

/** The SLOs: availability over the window, budget left, and the burn of the last hours. */
final class SloSection {

  private static final int WIDTH = 240;
  private static final int HEIGHT = 32;

  private SloSection() {}

  static void render(Markup m, List<SloPanel> panels) {
    if (panels.isEmpty()) {
      return;
    }
    m.open("section", "class", "slos", "aria-label", "service level objectives");
    m.element("h2", "Service level objectives");
    m.open("table", "class", "slo-table");
    m.open("thead").open("tr");
    for (String head : List.of("SLO", "env", "objective", "availability", "budget left", "burn rate, last hours")) {
      m.element("th", head, "scope", "col");
    }
    m.close().close();
    m.open("tbody");
    for (SloPanel p : panels) {
      boolean overspent = p.budgetRemaining() < 0;
      m.open("tr", "data-slo", p.slo(), "data-env", p.env());
      m.element("th", p.slo(), "scope", "row");
      m.element("td", p.env());
      m.element("td", number(p.objective()) + "% over " + p.window());
      m.element("td", Double.isNaN(p.availability()) ? "no runs yet"
          : percent(p.availability()) + (p.coverage() < 0.999
              ? " (runs held for " + percent(p.coverage()) + " of the window)" : ""), "class", "availability");
      m.element("td", percent(p.budgetRemaining()), "class", overspent ? "budget overspent" : "budget");
      m.open("td");
      burnChart(m, p.burnByHour());
      m.close();
      m.close();
    }
    m.close().close().close();
  }

  /** A bar per hour, oldest left; the line marks 1x (the budget spent exactly over the window). */
  private static void burnChart(Markup m, List<Double> burns) {
    double max = Math.max(2, burns.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    double latest = burns.isEmpty() ? 0 : burns.getLast();
    String label = "burn rate per hour over the last " + burns.size() + " hours; latest "
        + number(latest) + "x";
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "burn", "role", "img",
        "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "preserveAspectRatio", "none", "aria-label", label);
    m.element("title", label);
    double slot = (double) WIDTH / Math.max(burns.size(), 1);
    for (int i = 0; i < burns.size(); i++) {
      double burn = burns.get(i);
      double height = burn <= 0 ? 0.5 : Math.max(1, HEIGHT * Math.min(burn, max) / max);
      m.open("rect", "class", burn > 1 ? "bar failing" : "bar passing", "x", num(i * slot + 0.5),
          "y", num(HEIGHT - height), "width", num(Math.max(slot - 1, 0.5)), "height", num(height));
      m.element("title", (burns.size() - i) + "h ago: " + number(burn) + "x");
      m.close();
    }
    double one = HEIGHT - HEIGHT / max;
    m.empty("line", "class", "one-x", "x1", "0", "x2", Integer.toString(WIDTH), "y1", num(one),
        "y2", num(one), "vector-effect", "non-scaling-stroke");
    m.close();
  }

  private static String percent(double ratio) {
    return number(ratio * 100) + "%";
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
