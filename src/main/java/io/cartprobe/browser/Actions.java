package io.cartprobe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.config.BrowserAction;
import io.cartprobe.result.FailureReason;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Does one action: waits (polling) until its element or condition is there, then acts. Waiting
 * ends at the action's own timeout or the step's deadline, whichever comes first.
 */
final class Actions {

  private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

  private final Page page;
  private final Supplier<Duration> stepLeft;

  Actions(Page page, Supplier<Duration> stepLeft) {
    this.page = page;
    this.stepLeft = stepLeft;
  }

  /** The problem, if the action failed. */
  Optional<BrowserOutcome.Problem> perform(BrowserAction a, Duration limit, BrowserRun run)
      throws BrowserException {
    Duration within = limit.compareTo(stepLeft.get()) < 0 ? limit : stepLeft.get();
    started = System.nanoTime();
    long until = started + within.toNanos();
    Optional<String> frame = a.frame();
    return switch (a.act()) {
      case BrowserAction.Goto(String url) -> {
        Optional<String> error = page.navigate(url, within);
        if (error.isPresent()) {
          yield fail("navigation to " + url + " failed: " + error.get());
        }
        yield until(until, frame, Scripts.READY, "the page at " + url + " did not finish loading");
      }
      case BrowserAction.Fill(String sel, String value) ->
          element(until, frame, sel, Scripts.fill(sel, value));
      case BrowserAction.Click(String sel) -> element(until, frame, sel, Scripts.click(sel));
      case BrowserAction.WaitFor(String sel) -> element(until, frame, sel, Scripts.visible(sel));
      case BrowserAction.Select(String sel, String value) ->
          element(until, frame, sel, Scripts.select(sel, value));
      case BrowserAction.Press(Optional<String> sel, String key) -> {
        if (sel.isPresent()) {
          Optional<BrowserOutcome.Problem> p = element(until, frame, sel.get(), Scripts.focus(sel.get()));
          if (p.isPresent()) {
            yield p;
          }
        }
        Keys.press(page, key, left(until));
        yield Optional.empty();
      }
      case BrowserAction.ExpectText(String sel, String contains) -> expectText(until, frame, sel, contains);
      case BrowserAction.WaitForUrl(String contains) -> until(until, Optional.empty(),
          Scripts.URL + ".includes(" + Scripts.quote(contains) + ")",
          "the URL never contained \"" + contains + "\"");
      case BrowserAction.ExpectUrl(String contains) -> {
        String url = page.evaluate(Optional.empty(), Scripts.URL, left(until)).asText();
        yield url.contains(contains) ? Optional.empty() : Optional.of(new BrowserOutcome.Problem(
            FailureReason.ASSERTION, "URL " + url + " does not contain \"" + contains + "\"",
            Optional.of("contains " + contains), Optional.of(url)));
      }
      case BrowserAction.Evaluate(String expression) -> {
        Optional<Integer> ctx = context(frame, until);
        if (frame.isPresent() && ctx.isEmpty()) {
          yield fail("no frame matches " + frame.get());
        }
        JsonNode v = page.evaluate(ctx, expression, left(until));
        yield truthy(v) ? Optional.empty() : Optional.of(new BrowserOutcome.Problem(
            FailureReason.ASSERTION, "evaluate: " + expression + " is not truthy",
            Optional.of("truthy"), Optional.of(v.isMissingNode() ? "undefined" : v.toString())));
      }
      case BrowserAction.Screenshot(String name) -> {
        run.capture(page, name, left(until));
        yield Optional.empty();
      }
    };
  }

  private Optional<BrowserOutcome.Problem> element(long until, Optional<String> frame, String sel,
      String script) throws BrowserException {
    String last = "missing";
    while (true) {
      Optional<Integer> ctx = context(frame, until);
      if (ctx.isPresent() || frame.isEmpty()) {
        try {
          JsonNode r = page.evaluate(ctx, script, left(until));
          last = r.path("state").asText("missing");
          if (last.equals("ok")) {
            return Optional.empty();
          }
          if (last.equals("nooption")) {
            return fail(sel + " has no option matching the value (options: "
                + r.path("value").asText() + ")");
          }
        } catch (BrowserException.Script e) {
          last = "unreachable (" + e.getMessage() + ")";
        }
      } else {
        last = "frame-missing";
      }
      if (!pause(until)) {
        String where = frame.map(f -> " in frame " + f).orElse("");
        return fail(switch (last) {
          case "frame-missing" -> "no frame matches " + frame.orElseThrow();
          case "missing" -> "no element matches " + sel + where;
          case "hidden" -> sel + where + " is not visible";
          case "disabled" -> sel + where + " is disabled";
          default -> sel + where + " is " + last;
        } + " after " + waited(until) + "ms");
      }
    }
  }

  private Optional<BrowserOutcome.Problem> expectText(long until, Optional<String> frame,
      String sel, String contains) throws BrowserException {
    Optional<String> seen = Optional.empty();
    do {
      Optional<Integer> ctx = context(frame, until);
      if (ctx.isPresent() || frame.isEmpty()) {
        JsonNode r = page.evaluate(ctx, Scripts.text(sel), left(until));
        seen = r.path("state").asText().equals("ok") ? Optional.of(r.path("value").asText()) : Optional.empty();
        if (seen.isPresent() && seen.get().contains(contains)) {
          return Optional.empty();
        }
      }
    } while (pause(until));
    if (seen.isEmpty()) {
      return fail("no element matches " + sel + frame.map(f -> " in frame " + f).orElse(""));
    }
    String actual = seen.get().length() > 200 ? seen.get().substring(0, 200) + "..." : seen.get();
    return Optional.of(new BrowserOutcome.Problem(FailureReason.ASSERTION,
        sel + " text does not contain \"" + contains + "\"", Optional.of("contains " + contains),
        Optional.of(actual)));
  }

  private Optional<BrowserOutcome.Problem> until(long until, Optional<String> frame,
      String condition, String failure) throws BrowserException {
    do {
      try {
        if (page.evaluate(Optional.empty(), condition, left(until)).asBoolean()) {
          return Optional.empty();
        }
      } catch (BrowserException.Script e) {
        // Between documents: ask again.
      }
    } while (pause(until));
    return fail(failure + " within " + waited(until) + "ms");
  }

  private Optional<Integer> context(Optional<String> frame, long until) throws BrowserException {
    return frame.isEmpty() ? Optional.empty() : page.frameContext(frame.get(), left(until));
  }

  private long started;

  private long waited(long until) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  private static boolean truthy(JsonNode v) {
    return !(v.isMissingNode() || v.isNull() || (v.isBoolean() && !v.asBoolean())
        || (v.isNumber() && v.asDouble() == 0) || (v.isTextual() && v.asText().isEmpty()));
  }

  /** Waits one poll interval; false when the time is up. */
  private static boolean pause(long until) {
    long left = until - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    try {
      Thread.sleep(Duration.ofNanos(Math.min(POLL_NANOS, left)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  /**
   * How long one call to the page may take: the rest of the step, not of the action, so a slow
   * answer on a loaded machine is never mistaken for a missing element.
   */
  private Duration left(long until) {
    return stepLeft.get();
  }

  private static Optional<BrowserOutcome.Problem> fail(String message) {
    return Optional.of(BrowserOutcome.Problem.browser(message));
  }
}
