package io.cartprobe.statuspage;

import io.cartprobe.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /}: one glance answers what is broken, where, since when and why. A summary line,
 * a probes × environments matrix, then one card per pair with failing ones first.
 */
public final class StatusPage {

  /** The content type to serve the page with. */
  public static final String CONTENT_TYPE = "text/html; charset=utf-8";

  private StatusPage() {}

  public static String render(StatusView view) {
    List<StatusRow> rows = new ArrayList<>(view.rows());
    rows.sort(StatusRow.PAGE_ORDER);
    return Layout.page(title(view),
        new Layout.Header(view.agentLabels(), view.version(), view.generatedAt(), view.refresh()),
        m -> {
          m.open("section", "class", "overall", "aria-label", "summary");
          m.element("h1", headline(view), "id", "headline");
          counts(m, view);
          reload(m, view.reload(), view);
          m.close();
          view.warnings().forEach(w -> m.element("p", "⚠ " + w, "class", "config-warning", "role", "alert"));
          undelivered(m, view);
          if (rows.isEmpty()) {
            m.element("p", "No probes are configured.", "class", "empty");
            return;
          }
          matrix(m, rows);
          SloSection.render(m, view.slos());
          m.open("div", "class", "grid");
          for (StatusRow row : rows) {
            RowCard.render(m, row, view.generatedAt(), true);
          }
          m.close();
        });
  }

  /** "2 failing, 1 degraded, 9 passing": states with no rows are left out. */
  static String headline(StatusView view) {
    List<String> parts = new ArrayList<>();
    for (StatusState state : StatusState.values()) {
      long n = view.count(state);
      if (n > 0) {
        parts.add(n + " " + state.label());
      }
    }
    return parts.isEmpty() ? "nothing to show" : String.join(", ", parts);
  }

  private static String title(StatusView view) {
    long failing = view.count(StatusState.FAILING);
    if (failing > 0) {
      return "✕ " + failing + " failing · cartprobe";
    }
    long degraded = view.count(StatusState.DEGRADED);
    return degraded > 0 ? "▲ " + degraded + " degraded · cartprobe" : "✓ cartprobe";
  }

  private static void counts(Markup m, StatusView view) {
    m.open("ul", "class", "counts");
    for (StatusState state : StatusState.values()) {
      long n = view.count(state);
      if (n > 0) {
        m.open("li");
        m.open("span", "class", "badge " + state.cssName());
        m.element("span", state.icon(), "aria-hidden", "true");
        m.text(n + " " + state.label());
        m.close();
        m.close();
      }
    }
    m.close();
  }

  private static void reload(Markup m, ConfigReload reload, StatusView view) {
    if (reload.successful()) {
      m.element("span", "config loaded" + reload.at()
          .map(at -> " " + Format.time(at, view.generatedAt())).orElse(""), "class", "reload");
    } else {
      m.element("span", "⚠ last config reload rejected" + reload.at()
          .map(at -> " at " + Format.time(at, view.generatedAt())).orElse("")
          + " (" + Words.count(reload.errors(), "error") + "; the previous config is still running, see the agent's log)",
          "class", "reload bad", "role", "alert");
    }
  }

  private static void undelivered(Markup m, StatusView view) {
    if (view.undelivered().isEmpty()) {
      return;
    }
    int count = view.undelivered().size();
    m.open("section", "class", "undelivered", "role", "alert", "aria-label", "undelivered notifications");
    m.element("h2", "⚠ " + Words.count(count, "notification") + " could not be delivered");
    m.open("ul");
    for (UndeliveredNotification n : view.undelivered()) {
      m.element("li", n.alert() + " → webhook " + n.webhook() + ": " + n.why() + " ("
          + Format.time(n.droppedAt(), view.generatedAt()) + ")", "data-webhook", n.webhook());
    }
    m.close();
    m.close();
  }

  /** Probes down, environments across: where it is broken, before reading any card. */
  private static void matrix(Markup m, List<StatusRow> rows) {
    TreeSet<String> envs = new TreeSet<>();
    Map<String, Map<String, StatusRow>> byProbe = new TreeMap<>();
    for (StatusRow row : rows) {
      envs.add(row.environment());
      byProbe.computeIfAbsent(row.probe(), p -> new TreeMap<>()).put(row.environment(), row);
    }
    m.open("div", "class", "matrix-wrap");
    m.open("table", "class", "matrix");
    m.open("thead").open("tr").element("th", "probe", "scope", "col");
    envs.forEach(env -> m.element("th", env, "scope", "col"));
    m.close().close();
    m.open("tbody");
    for (Map.Entry<String, Map<String, StatusRow>> probe : byProbe.entrySet()) {
      m.open("tr").element("th", probe.getKey(), "scope", "row");
      for (String env : envs) {
        StatusRow row = probe.getValue().get(env);
        if (row == null) {
          m.element("td", "–", "title", "not run in this environment");
        } else {
          m.open("td", "class", "st-" + row.state().cssName());
          m.open("a", "href", "#" + Links.anchor(row.probe(), row.environment()));
          m.element("span", row.state().icon(), "aria-hidden", "true");
          m.text(" " + row.state().label());
          m.close();
          m.close();
        }
      }
      m.close();
    }
    m.close();
    m.close();
    m.close();
  }
}
