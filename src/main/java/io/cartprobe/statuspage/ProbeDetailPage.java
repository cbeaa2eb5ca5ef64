package io.cartprobe.statuspage;

import io.cartprobe.history.AlertTransition;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /probes/NAME/ENV}: the latest run step by step, with its timing phases, the failure
 * and the redacted body the target answered, then the recent runs and events.
 */
public final class ProbeDetailPage {

  private ProbeDetailPage() {}

  /** A timing phase: its name and how to read it from {@link Timings}. */
  private record Phase(String name, java.util.function.Function<Timings, Duration> of) {}

  private static final List<Phase> PHASES = List.of(
      new Phase("dns", Timings::dns), new Phase("connect", Timings::connect),
      new Phase("tls", Timings::tls), new Phase("request", Timings::request),
      new Phase("ttfb", Timings::ttfb), new Phase("transfer", Timings::transfer));

  public static String render(ProbeDetailView view) {
    StatusRow row = view.row();
    Instant now = view.generatedAt();
    String title = row.state().icon() + " " + row.probe() + " @ " + row.environment()
        + " · cartprobe";
    return Layout.page(title,
        new Layout.Header(view.agentLabels(), view.version(), now, view.refresh()),
        m -> {
          m.open("p", "class", "back").open("a", "href", "/").text("← all probes").close().close();
          RowCard.render(m, row, now, false);
          if (row.latest().isPresent()) {
            latest(m, row.latest().get(), now);
          } else {
            m.element("p", "No run yet: the first result appears after the probe's first run.",
                "class", "empty");
          }
          m.open("div", "class", "columns");
          m.open("section");
          recentRuns(m, view.recentRuns(), now);
          m.close();
          m.open("section");
          events(m, view.configChanges(), view.alertTransitions(), now);
          m.close();
          m.close();
        });
  }

  private static void latest(Markup m, ProbeResult result, Instant now) {
    m.element("h3", "Latest run");
    m.open("dl", "class", "kv");
    m.element("dt", "started");
    m.open("dd").element("time", Format.time(result.startedAt(), now) + " ("
        + Format.age(Duration.between(result.startedAt(), now)) + " ago)",
        "datetime", result.startedAt().toString()).close();
    m.element("dt", "verdict").element("dd", result.verdict().wireName());
    m.element("dt", "duration").element("dd", Format.duration(result.duration()));
    m.element("dt", "attempts").element("dd", Integer.toString(result.attempts()));
    m.element("dt", "trace id").open("dd").element("code", result.traceId()).close();
    m.close();

    result.failure().ifPresent(f -> failure(m, f, result));

    m.element("h3", "Steps");
    legend(m);
    stepTable(m, result.steps(), "steps of the latest run");
    if (!result.cleanup().isEmpty()) {
      m.element("h3", "Cleanup (never changes the verdict)");
      stepTable(m, result.cleanup(), "cleanup of the latest run");
    }
    if (!result.notes().isEmpty()) {
      m.element("h3", "Notes");
      m.open("ul");
      result.notes().forEach(n -> m.element("li", n));
      m.close();
    }
    if (!result.watched().isEmpty()) {
      m.element("h3", "Watched values");
      m.open("dl", "class", "kv");
      result.watched().forEach((path, value) -> {
        m.open("dt").element("code", path).close();
        m.open("dd").element("code", value).close();
      });
      m.close();
    }
  }

  private static void failure(Markup m, Failure f, ProbeResult result) {
    m.open("section", "class", "failure-box", "aria-label", "failure");
    m.open("p").element("strong", "✕ " + f.step()).text(" (" + f.component() + ") failed: "
        + f.reason().wireName() + f.classification().map(c -> ", classified " + c).orElse(""))
        .close();
    m.element("p", f.message(), "class", "msg");
    f.expected().ifPresent(e -> m.open("p").text("expected ").element("code", e).close());
    f.actual().ifPresent(a -> m.open("p").text("got ").element("code", a).close());
    StepResult step = result.steps().stream().filter(s -> s.name().equals(f.step())).findFirst()
        .orElse(null);
    if (step != null) {
      List<AssertionResult> failed = step.assertions().stream().filter(a -> !a.passed()).toList();
      if (!failed.isEmpty()) {
        m.open("table", "class", "steps");
        m.open("thead").open("tr").element("th", "check").element("th", "expected")
            .element("th", "actual").close().close();
        m.open("tbody");
        for (AssertionResult a : failed) {
          m.open("tr").open("td").element("code", a.check()).close()
              .open("td").element("code", a.expected()).close()
              .open("td").element("code", a.actual()).close().close();
        }
        m.close().close();
      }
      step.bodyExcerpt().ifPresent(body -> {
        m.element("p", "Response body (excerpt, secrets redacted):");
        m.element("pre", body, "class", "excerpt");
      });
      step.browser().ifPresent(page -> PageEvidence.render(m, page));
    }
    m.close();
  }

  private static void legend(Markup m) {
    m.open("div", "class", "legend", "aria-hidden", "true");
    for (Phase p : PHASES) {
      m.open("span");
      m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 10 10")
          .empty("rect", "class", "ph-" + p.name(), "width", "10", "height", "10").close();
      m.text(" " + p.name());
      m.close();
    }
    m.close();
  }

  private static void stepTable(Markup m, List<StepResult> steps, String caption) {
    long longest = Math.max(1, steps.stream().mapToLong(s -> s.duration().toNanos()).max()
        .orElse(1));
    m.open("div", "class", "table-wrap");
    m.open("table", "class", "steps");
    m.element("caption", caption, "class", "hide-narrow", "style", "caption-side: bottom; font-size: 11px");
    m.open("thead").open("tr");
    m.element("th", "step").element("th", "component", "class", "hide-narrow")
        .element("th", "result").element("th", "HTTP", "class", "num")
        .element("th", "time", "class", "num").element("th", "phases", "class", "phases");
    m.close().close();
    m.open("tbody");
    for (StepResult s : steps) {
      m.open("tr", "data-step", s.name(), "data-status", s.status().wireName());
      m.open("td");
      m.element("strong", s.name());
      if (!s.url().isEmpty()) {
        m.element("div", s.method() + " " + s.url(), "class", "url");
      }
      s.message().ifPresent(msg -> m.element("div", msg, "class", "phase-text"));
      m.close();
      m.element("td", s.component(), "class", "hide-narrow");
      m.open("td", "class", "st-" + stepState(s.status()).cssName());
      m.element("span", stepIcon(s.status()), "aria-hidden", "true");
      m.text(" " + s.status().wireName() + s.reason().map(r -> " (" + r.wireName() + ")")
          .orElse(""));
      m.close();
      m.element("td", s.httpStatus().map(String::valueOf).orElse("–"), "class", "num");
      m.element("td", s.status() == StepStatus.SKIPPED ? "–" : Format.duration(s.duration()),
          "class", "num");
      m.open("td", "class", "phases");
      if (s.status() != StepStatus.SKIPPED) {
        phaseBar(m, s, longest);
      }
      m.close();
      m.close();
    }
    m.close();
    m.close();
    m.close();
  }

  /** Phases stacked left to right, scaled to the run's slowest step so steps compare. */
  private static void phaseBar(Markup m, StepResult s, long longest) {
    Timings t = s.timings();
    List<String> text = new ArrayList<>();
    for (Phase p : PHASES) {
      Duration d = p.of().apply(t);
      if (!d.isZero()) {
        text.add(p.name() + " " + Format.duration(d));
      }
    }
    String label = text.isEmpty() ? "no phases recorded" : String.join(", ", text);
    m.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "phasebar", "role", "img",
        "viewBox", "0 0 100 10", "preserveAspectRatio", "none", "aria-label", label);
    m.element("title", label);
    double x = 0;
    for (Phase p : PHASES) {
      double w = 100.0 * p.of().apply(t).toNanos() / longest;
      if (w > 0) {
        m.open("rect", "class", "ph-" + p.name(), "x", num(x), "y", "0", "width",
            num(Math.max(w, 0.5)), "height", "10");
        m.element("title", p.name() + " " + Format.duration(p.of().apply(t)));
        m.close();
        x += w;
      }
    }
    m.close();
    m.element("div", label, "class", "phase-text");
  }

  private static void recentRuns(Markup m, List<RunRecord> runs, Instant now) {
    m.element("h3", "Recent runs");
    if (runs.isEmpty()) {
      m.element("p", "none yet", "class", "phase-text");
      return;
    }
    m.open("div", "class", "table-wrap");
    m.open("table", "class", "steps");
    m.open("thead").open("tr").element("th", "started").element("th", "result")
        .element("th", "time", "class", "num").element("th", "failed step").close().close();
    m.open("tbody");
    List<RunRecord> newestFirst = new ArrayList<>(runs);
    newestFirst.sort(Comparator.comparing(RunRecord::startedAt).reversed());
    for (RunRecord r : newestFirst) {
      StatusState state = StatusState.of(java.util.Optional.of(r.verdict()), false);
      m.open("tr");
      m.open("td").element("time", Format.time(r.startedAt(), now), "datetime",
          r.startedAt().toString(), "title", "trace " + r.traceId()).close();
      m.open("td", "class", "st-" + state.cssName())
          .element("span", state.icon(), "aria-hidden", "true")
          .text(" " + r.verdict().wireName()).close();
      m.element("td", Format.duration(r.duration()), "class", "num");
      m.open("td");
      if (r.failedStep().isPresent()) {
        m.text(r.failedStep().get() + r.reason().map(x -> " · " + x).orElse("")
            + r.httpStatus().map(x -> " · HTTP " + x).orElse(""));
      }
      m.close();
      m.close();
    }
    m.close().close().close();
  }

  private static void events(Markup m, List<ConfigChange> changes,
      List<AlertTransition> transitions, Instant now) {
    m.element("h3", "Config changes and alerts");
    record Event(Instant at, java.util.function.Consumer<Markup> draw) {}
    List<Event> events = new ArrayList<>();
    for (ConfigChange c : changes) {
      events.add(new Event(c.at(), mk -> {
        mk.text("config change seen by " + c.probe());
        RowCard.diff(mk, c.changes());
      }));
    }
    for (AlertTransition a : transitions) {
      events.add(new Event(a.at(), mk -> mk.text((a.state() == AlertTransition.State.FIRING
          ? "● " : "✓ ") + a.alert() + " " + a.state().wireName())));
    }
    if (events.isEmpty()) {
      m.element("p", "none recorded", "class", "phase-text");
      return;
    }
    events.sort(Comparator.comparing(Event::at).reversed());
    m.open("ul", "class", "timeline");
    for (Event e : events) {
      m.open("li");
      m.element("time", Format.time(e.at(), now), "datetime", e.at().toString());
      m.text(" ");
      e.draw().accept(m);
      m.close();
    }
    m.close();
  }

  private static StatusState stepState(StepStatus status) {
    return switch (status) {
      case PASSED -> StatusState.PASSING;
      case DEGRADED -> StatusState.DEGRADED;
      case FAILED -> StatusState.FAILING;
      case SKIPPED -> StatusState.NO_DATA;
    };
  }

  private static String stepIcon(StepStatus status) {
    return switch (status) {
      case SKIPPED -> "–";
      default -> stepState(status).icon();
    };
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
