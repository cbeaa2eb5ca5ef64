package io.cartprobe.statuspage;

import io.cartprobe.Words;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.history.PairSummary;
import io.cartprobe.history.RunRecord;
import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One probe × environment as a card: what is broken, where, since when and why, then the
 * numbers and the recent runs. Shared by the status page and the top of the detail page.
 */
final class RowCard {

  private RowCard() {}

  static void render(Markup m, StatusRow row, Instant now, boolean linkTitle) {
    StatusState state = row.state();
    m.open("article", "class", "card " + state.cssName(),
        "id", Links.anchor(row.probe(), row.environment()),
        "data-probe", row.probe(), "data-env", row.environment(), "data-state", state.cssName());
    m.open("div", "class", "card-head");
    badge(m, state);
    m.open("h2");
    if (linkTitle) {
      m.open("a", "href", row.path(), "title", "steps, timings and body of the latest run");
    }
    m.text(row.probe()).text(" ");
    m.element("span", "@ " + row.environment(), "class", "env");
    if (linkTitle) {
      m.close();
    }
    m.close();
    m.element("span", row.type(), "class", "type");
    m.close();

    row.variantsLine().ifPresent(line -> {
      m.open("p", "class", "variants", "data-variants", String.join(",",
          row.variants().stream().map(v -> v.id() + ":" + v.state().cssName()).toList()));
      m.text(line);
      if (!row.variant().isEmpty()) {
        m.text(" (runs below: " + row.variant() + ")");
      }
      m.close();
    });
    PairSummary summary = row.summary();
    Optional<RunRecord> last = summary.last();
    if (last.isPresent() && last.get().failed()) {
      failure(m, last.get(), summary, now);
    }
    row.probableCause().ifPresent(cause -> {
      m.open("p", "class", "cause");
      m.element("strong", "Probable cause: ");
      m.text(cause.summary());
      m.close();
    });
    // A failed checkout's provider, in its own words, only while it reports trouble.
    row.latest().filter(r -> r.failed() && r.probeType() == ProbeType.CHECKOUT)
        .ifPresent(r -> r.providerStatus().forEach(p -> p.findings().forEach(line -> {
          m.open("p", "class", "cause provider");
          m.text(line);
          m.close();
        })));
    if (!row.firingAlerts().isEmpty()) {
      m.open("ul", "class", "alerts", "aria-label", "firing alerts");
      for (String alert : row.firingAlerts()) {
        m.element("li", "● firing: " + alert, "data-alert", alert);
      }
      m.close();
    }
    if (row.silenced()) {
      m.element("p", "◐ silenced" + row.silenceReason().map(r -> ": " + r).orElse("")
          + " (probes run, alerts stay quiet)", "class", "silence");
    }
    stats(m, summary, now);
    if (!summary.recent().isEmpty()) {
      m.open("div", "class", "charts");
      m.open("figure");
      Charts.sparkline(m, summary.recent(), now);
      m.element("figcaption", "latency, last " + Words.count(summary.recent().size(), "run"));
      m.close();
      m.open("figure");
      Charts.strip(m, summary.recent(), io.cartprobe.history.RunHistory.RECENT_RUNS, now);
      m.element("figcaption", "pass / fail, oldest left");
      m.close();
      m.close();
    }
    row.lastConfigChange().ifPresent(change -> configChange(m, change, now));
    last.ifPresent(r -> {
      if (!r.traceId().isEmpty()) {
        m.open("div", "class", "trace").text("trace ");
        m.element("code", r.traceId());
        m.close();
      }
    });
    m.close();
  }

  static void badge(Markup m, StatusState state) {
    m.open("span", "class", "badge " + state.cssName());
    m.element("span", state.icon(), "aria-hidden", "true");
    m.text(state.label());
    m.close();
  }

  private static void failure(Markup m, RunRecord run, PairSummary summary, Instant now) {
    m.open("p", "class", "why");
    List<String> parts = new ArrayList<>();
    m.text("✕ ");
    m.element("span", run.failedStep().orElse("?"), "class", "step");
    run.component().ifPresent(c -> m.text(" (").element("span", c, "class", "component").text(")"));
    run.reason().ifPresent(parts::add);
    run.classification().ifPresent(parts::add);
    run.httpStatus().ifPresent(s -> parts.add("HTTP " + s));
    for (String part : parts) {
      m.element("span", " · ", "class", "sep");
      m.text(part);
    }
    m.close();
    run.message().ifPresent(msg -> m.element("p", msg, "class", "msg"));
    summary.failingSince().ifPresent(since -> {
      m.open("p", "class", "since");
      m.text("failing since ");
      m.element("time", Format.time(since, now), "datetime", since.toString());
      m.text(" (" + Format.age(java.time.Duration.between(since, now)) + ", "
          + Words.count(summary.consecutiveFailures(), "run") + ")");
      m.close();
    });
  }

  private static void stats(Markup m, PairSummary summary, Instant now) {
    m.open("dl", "class", "stats");
    m.open("div").element("dt", "last run");
    if (summary.last().isPresent()) {
      RunRecord last = summary.last().get();
      m.open("dd");
      m.element("time", Format.age(summary.lastRunAge().orElse(java.time.Duration.ZERO)) + " ago",
          "datetime", last.startedAt().toString(), "title", last.startedAt().toString());
      m.text(", " + Format.duration(last.duration()));
      m.close();
    } else {
      m.element("dd", "never");
    }
    m.close();
    m.open("div").element("dt", "success 1h")
        .element("dd", Format.percent(summary.successRatio()) + " of " + summary.runsInWindow())
        .close();
    m.open("div").element("dt", "p95 1h")
        .element("dd", summary.p95().map(Format::duration).orElse("–")).close();
    m.close();
  }

  static void configChange(Markup m, ConfigChange change, Instant now) {
    m.open("details", "class", "change", "open", "open");
    m.open("summary");
    m.text("config change " + Format.age(java.time.Duration.between(change.at(), now)) + " ago (");
    m.element("time", Format.time(change.at(), now), "datetime", change.at().toString());
    m.text(") seen by " + change.probe());
    m.close();
    diff(m, change.changes());
    m.close();
  }

  static void diff(Markup m, List<FieldChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    m.open("table", "class", "diff");
    m.open("tbody");
    for (FieldChange c : changes) {
      m.open("tr");
      m.open("td").element("code", c.path()).close();
      m.open("td").element("del", c.before(), "title", "before").close();
      m.element("td", "→", "aria-label", "became");
      m.open("td").element("ins", c.after(), "title", "after").close();
      m.close();
    }
    m.close();
    m.close();
  }
}
