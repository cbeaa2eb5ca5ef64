package io.cartprobe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.config.BrowserAction;
import io.cartprobe.result.BrowserEvidence;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one browser step's actions (templates already rendered) in a fresh page, then its
 * {@code css:} extractions. Never throws: every way it can go wrong is in the outcome, and the
 * page is closed whatever happened, within the time given.
 */
public final class BrowserRun {

  /** How long an action waits for its element or condition unless it says otherwise. */
  public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(10);
  /** Kept back from the step's time to take the failure screenshot and close the page. */
  private static final Duration RESERVE = Duration.ofMillis(1500);

  private final String step;
  private final List<String> secrets;
  private final long deadline;
  private final List<BrowserEvidence.Screenshot> screenshots = new ArrayList<>();

  private BrowserRun(String step, List<String> secrets, long deadline) {
    this.step = step;
    this.secrets = secrets;
    this.deadline = deadline;
  }

  /**
   * @param extract name to CSS selector
   * @param secrets values hidden in the page before any screenshot
   * @param timeout what is left of the flow's timeout
   */
  public static BrowserOutcome run(Browsers browsers, String step, List<BrowserAction> actions,
      Map<String, String> extract, List<String> secrets, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    long actionsEnd = end - Math.min(RESERVE.toNanos(), timeout.toNanos() / 4);
    BrowserRun run = new BrowserRun(step, secrets, actionsEnd);
    Page page;
    try {
      page = browsers.open(run.left());
    } catch (BrowserException e) {
      return new BrowserOutcome(Optional.of(BrowserOutcome.Problem.browser(e.getMessage())),
          Map.of(), List.of(), Timings.NONE, Optional.empty(), BrowserEvidence.none());
    }
    try (page) {
      return run.drive(page, actions, extract, end);
    }
  }

  private BrowserOutcome drive(Page page, List<BrowserAction> actions, Map<String, String> extract,
      long end) {
    Actions act = new Actions(page, this::left);
    Optional<BrowserOutcome.Problem> problem = Optional.empty();
    for (int i = 0; i < actions.size() && problem.isEmpty(); i++) {
      BrowserAction a = actions.get(i);
      Duration limit = a.timeout().orElse(DEFAULT_ACTION_TIMEOUT);
      try {
        problem = act.perform(a, limit, this);
      } catch (BrowserException e) {
        problem = Optional.of(BrowserOutcome.Problem.browser(describe(i, a, e)));
      }
      if (problem.isPresent() && problem.get().reason() == FailureReason.BROWSER
          && !problem.get().message().startsWith("action ")) {
        problem = Optional.of(BrowserOutcome.Problem.browser(
            "action " + (i + 1) + " (" + a.act().verb() + "): " + problem.get().message()));
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    if (problem.isEmpty()) {
      extract.forEach((name, selector) -> {
        try {
          JsonNode r = page.evaluate(Optional.empty(), Scripts.text(selector), left());
          if (r.path("state").asText().equals("ok")) {
            values.put(name, r.path("value").asText());
          } else {
            missing.add(name + " (css:" + selector + ")");
          }
        } catch (BrowserException e) {
          missing.add(name + " (css:" + selector + ")");
        }
      });
    }
    long last = Math.max(deadline, end - RESERVE.toNanos() / 2);
    Duration tail = Duration.ofNanos(Math.max(1, last - System.nanoTime()));
    Navigation nav = Navigation.read(page, tail);
    if (problem.isPresent()) {
      capture(page, "failure", Duration.ofNanos(Math.max(1, end - System.nanoTime())));
    }
    BrowserEvidence evidence = new BrowserEvidence(nav.url(), nav.domContentLoaded(), nav.load(),
        page.consoleErrors(), page.failedRequests(), screenshots);
    return new BrowserOutcome(problem, values, missing, nav.timings(), nav.status(), evidence);
  }

  private static String describe(int index, BrowserAction a, BrowserException e) {
    String what = e instanceof BrowserException.Timeout
        ? "the page did not answer in time (it may be hung)" : e.getMessage();
    return "action " + (index + 1) + " (" + a.act().verb() + "): " + what;
  }

  /** A screenshot with secrets hidden in every frame; a page too hung to draw gives none. */
  void capture(Page page, String name, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    List<Integer> masked = new ArrayList<>();
    try {
      for (String frame : page.frames(timeout)) {
        int ctx = page.isolatedWorld(frame, timeout);
        page.evaluate(Optional.of(ctx), Scripts.mask(secrets), timeout);
        masked.add(ctx);
      }
      byte[] png = page.screenshot(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
      screenshots.add(new BrowserEvidence.Screenshot(
          (step + "-" + name).replaceAll("[^A-Za-z0-9_.-]", "_") + ".png", png));
      for (int ctx : masked) {
        page.evaluate(Optional.of(ctx), Scripts.UNMASK, timeout);
      }
    } catch (BrowserException e) {
      // Nothing to show: the failure message says why the page did not answer.
    }
  }

  Duration left() {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }
}
