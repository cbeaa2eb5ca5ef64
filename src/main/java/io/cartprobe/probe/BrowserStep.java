package io.cartprobe.probe;

import io.cartprobe.browser.BrowserOutcome;
import io.cartprobe.browser.BrowserRun;
import io.cartprobe.config.BrowserAction;
import io.cartprobe.config.Extraction;
import io.cartprobe.config.Step;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a step's {@code browser:} actions: templates rendered first, then the page driven. */
final class BrowserStep {

  private BrowserStep() {}

  static StepOutcome execute(Step step, RunState state, Duration timeout) {
    List<BrowserAction> actions = new ArrayList<>();
    try {
      for (BrowserAction a : step.browser()) {
        actions.add(new BrowserAction(render(a.act(), state), render(a.frame(), state), a.timeout()));
      }
    } catch (TemplateException e) {
      return StepExecutor.notSent(step, step.request().url(),
          StepProblem.of(io.cartprobe.result.FailureReason.TEMPLATE, e.getMessage()));
    }
    Map<String, String> css = new LinkedHashMap<>();
    step.extract().forEach((name, x) -> {
      if (x.source() instanceof Extraction.Source.Css(String selector)) {
        css.put(name, selector);
      }
    });
    long start = System.nanoTime();
    BrowserOutcome out = BrowserRun.run(state.browsers(), step.name(), actions, css,
        state.redactor().secrets(), timeout);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Map<String, String> shown = new LinkedHashMap<>();
    out.values().forEach((name, value) -> {
      state.extracted().put(name, value);
      boolean secret = step.extract().get(name).secret();
      if (secret) {
        state.redactor().add(value);
      }
      shown.put(name, secret ? Redactor.MASK : value);
    });
    Optional<StepProblem> problem = out.problem().map(p ->
        new StepProblem(p.reason(), p.message(), p.expected(), p.actual()));
    if (problem.isEmpty() && !out.missing().isEmpty()) {
      problem = Optional.of(StepProblem.of(io.cartprobe.result.FailureReason.EXTRACT,
          "nothing to extract for " + String.join(", ", out.missing())));
    }
    String url = out.evidence().finalUrl().isEmpty() ? step.request().url() : out.evidence().finalUrl();
    StepResult result = new StepResult(step.name(), step.component(),
        problem.isPresent() ? StepStatus.FAILED : StepStatus.PASSED, Step.BROWSER_METHOD, url,
        out.httpStatus(), elapsed, out.timings(), List.of(), problem.map(StepProblem::reason),
        problem.map(StepProblem::message), Optional.empty(), Optional.empty(), Optional.empty(),
        shown, "", Optional.empty(), Optional.of(out.evidence()), Optional.empty(),
        Optional.empty());
    // A page may have paid: never resent on a retry.
    return new StepOutcome(result, true, false, problem);
  }

  private static Optional<String> render(Optional<String> text, RunState state)
      throws TemplateException {
    return text.isEmpty() ? text : Optional.of(Templates.render(text.get(), state.scope()));
  }

  private static BrowserAction.Act render(BrowserAction.Act act, RunState state)
      throws TemplateException {
    TemplateScope s = state.scope();
    return switch (act) {
      case BrowserAction.Goto(String url) -> new BrowserAction.Goto(Templates.render(url, s));
      case BrowserAction.Fill(String sel, String v) ->
          new BrowserAction.Fill(Templates.render(sel, s), Templates.render(v, s));
      case BrowserAction.Click(String sel) -> new BrowserAction.Click(Templates.render(sel, s));
      case BrowserAction.WaitFor(String sel) -> new BrowserAction.WaitFor(Templates.render(sel, s));
      case BrowserAction.ExpectText(String sel, String c) ->
          new BrowserAction.ExpectText(Templates.render(sel, s), Templates.render(c, s));
      case BrowserAction.Select(String sel, String v) ->
          new BrowserAction.Select(Templates.render(sel, s), Templates.render(v, s));
      case BrowserAction.Press(Optional<String> sel, String key) ->
          new BrowserAction.Press(render(sel, state), Templates.render(key, s));
      case BrowserAction.WaitForUrl(String c) -> new BrowserAction.WaitForUrl(Templates.render(c, s));
      case BrowserAction.ExpectUrl(String c) -> new BrowserAction.ExpectUrl(Templates.render(c, s));
      case BrowserAction.Evaluate(String e) -> new BrowserAction.Evaluate(Templates.render(e, s));
      case BrowserAction.Screenshot sh -> sh;
    };
  }
}
