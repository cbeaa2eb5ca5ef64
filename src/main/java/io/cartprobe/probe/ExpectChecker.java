package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.Verdict;
import io.cartprobe.config.BodyCheck;
import io.cartprobe.config.Durations;
import io.cartprobe.config.Expect;
import io.cartprobe.config.HeaderCheck;
import io.cartprobe.config.JsonAssertion;
import io.cartprobe.config.StatusExpectation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a response against an {@code expect}. Every check is evaluated and recorded, so a
 * failed run shows the whole picture; the step's single reason is chosen by priority:
 * status, then an unreadable (non-JSON) body, then assertions, then certificate expiry (weeks
 * ahead, so less urgent than a wrong answer now), then latency.
 */
final class ExpectChecker {

  private ExpectChecker() {}

  /** What the checks found: every assertion, the failure if any, and whether it was slow. */
  record Report(List<AssertionResult> assertions, Optional<StepProblem> problem,
      boolean degraded) {}

  /** @param now the injected clock's time, against which certificate expiry is measured */
  static Report check(Expect expect, ResponseView response, Instant now) {
    List<AssertionResult> all = new ArrayList<>();

    AssertionResult status = status(expect.status(), response);
    all.add(status);
    Optional<StepProblem> problem =
        status.passed() ? Optional.empty() : Optional.of(statusProblem(status, response));

    List<AssertionResult> content = new ArrayList<>();
    content.addAll(headers(expect.headers(), response));
    content.addAll(body(expect.body(), response));
    Optional<StepProblem> notJson = Optional.empty();
    if (!expect.json().isEmpty()) {
      if (response.json().isEmpty()) {
        notJson = Optional.of(StepProblem.of(FailureReason.BODY,
            "response body is not JSON, but " + expect.json().size()
                + " JSONPath check(s) expect it"));
        for (JsonAssertion a : expect.json()) {
          a.checks().forEach(c -> content.add(new AssertionResult(
              "json " + a.path() + " " + c.key(), "a JSON body", "not JSON", false)));
        }
      } else {
        expect.json().forEach(a ->
            content.addAll(JsonChecks.evaluate(a, response.json().get(), response.deadline())));
      }
    }
    all.addAll(content);
    if (problem.isEmpty()) {
      problem = notJson;
    }
    if (problem.isEmpty()) {
      problem = content.stream().filter(a -> !a.passed()).findFirst()
          .map(a -> StepProblem.of(FailureReason.ASSERTION, a));
    }

    if (expect.certValidFor().isPresent()) {
      CertValidity.Verdict cert =
          CertValidity.check(expect.certValidFor().get(), response.certNotAfter(), now);
      all.add(cert.assertion());
      if (problem.isEmpty()) {
        problem = cert.problem();
      }
    }

    Duration latency = response.latency();
    if (expect.maxLatency().isPresent()) {
      AssertionResult slow = latency("max_latency", expect.maxLatency().get(), latency);
      all.add(slow);
      if (problem.isEmpty() && !slow.passed()) {
        problem = Optional.of(StepProblem.of(FailureReason.LATENCY, slow));
      }
    }
    boolean degraded = false;
    if (expect.degradedLatency().isPresent()) {
      AssertionResult budget =
          latency("degraded_latency", expect.degradedLatency().get(), latency);
      all.add(budget);
      degraded = !budget.passed();
    }
    return new Report(all, problem, degraded);
  }

  /**
   * Whether a classifier's {@code when} holds: status, headers, body and json, all of them.
   * Its status only counts when it is not the plain 2xx default, since a config loader cannot
   * tell "no status written" from it and classifiers are for failed (usually non-2xx) responses.
   */
  static boolean holds(Expect when, ResponseView response) {
    if (!when.status().equals(StatusExpectation.ANY_2XX)
        && !when.status().matches(response.status())) {
      return false;
    }
    if (!headers(when.headers(), response).stream().allMatch(AssertionResult::passed)
        || !body(when.body(), response).stream().allMatch(AssertionResult::passed)) {
      return false;
    }
    if (when.json().isEmpty()) {
      return true;
    }
    return response.json().isPresent() && when.json().stream()
        .flatMap(a -> JsonChecks.evaluate(a, response.json().get(), response.deadline()).stream())
        .allMatch(AssertionResult::passed);
  }

  /**
   * "expected status 200, got 500": every report puts the reason before the message, so a
   * message starting "status:" read "status: status: ..." there. A refused credential is the
   * commonest gateway-config failure (a rolled or revoked API key) and a bare "got 401" makes
   * people look at the network first: say what it means.
   */
  private static StepProblem statusProblem(AssertionResult status, ResponseView response) {
    String plain = "expected status " + status.expected() + ", got " + status.actual();
    String meaning = switch (response.status()) {
      case 401 -> " (credentials refused: API key missing, invalid, revoked or expired)";
      case 403 -> " (credentials accepted but not allowed: the key lacks a permission or is"
          + " for another account or mode)";
      default -> "";
    };
    return new StepProblem(FailureReason.STATUS, plain + meaning, Optional.of(status.expected()),
        Optional.of(status.actual()));
  }

  private static AssertionResult status(StatusExpectation expected, ResponseView response) {
    return new AssertionResult("status", expected.toString(),
        Integer.toString(response.status()), expected.matches(response.status()));
  }

  private static List<AssertionResult> headers(List<HeaderCheck> checks, ResponseView response) {
    return checks.stream().map(c -> {
      List<String> values = response.headers().values(c.name());
      boolean ok = values.stream().anyMatch(v -> c.value().matcher(response.matchable(v)).matches());
      String actual = values.isEmpty() ? JsonChecks.ABSENT : String.join(", ", values);
      return new AssertionResult("header " + c.name(), "/" + c.value().pattern() + "/", actual,
          ok);
    }).toList();
  }

  private static List<AssertionResult> body(List<BodyCheck> checks, ResponseView response) {
    String body = response.body();
    return checks.stream().map(c -> switch (c) {
      case BodyCheck.Contains(String text) -> new AssertionResult("body contains", text,
          body.contains(text) ? "found" : "not found", body.contains(text));
      case BodyCheck.NotContains(String text) -> new AssertionResult("body not_contains",
          "no " + text, body.contains(text) ? "found" : "not found", !body.contains(text));
      case BodyCheck.Matches(var regex) -> {
        var m = regex.matcher(response.matchable(body));
        boolean found = m.find();
        yield new AssertionResult("body matches", "/" + regex.pattern() + "/",
            found ? "matched " + abbreviate(m.group()) : "no match", found);
      }
    }).toList();
  }

  private static AssertionResult latency(String name, Duration limit, Duration actual) {
    return new AssertionResult(name, "<= " + Durations.format(limit),
        actual.toMillis() + "ms", actual.compareTo(limit) <= 0);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
