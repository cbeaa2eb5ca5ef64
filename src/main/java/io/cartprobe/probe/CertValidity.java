package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.Verdict;
import io.cartprobe.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code expect.cert_valid_for}: the server's certificate chain must stay valid for at least the
 * window from now. An expiring certificate is a slow-motion outage, so the check fails weeks
 * ahead (reason {@code cert_expiry}) while every request still works.
 */
final class CertValidity {

  private CertValidity() {}

  /** The recorded check and, when it failed, why. */
  record Verdict(AssertionResult assertion, Optional<StepProblem> problem) {}

  static Verdict check(Duration window, Optional<Instant> notAfter, Instant now) {
    String expected = "valid for at least " + Durations.format(window);
    if (notAfter.isEmpty()) {
      // Plain http: there is nothing to check, and passing silently would hide a config slip
      // (an http URL where https was meant). It is the probe's expectation that is unmet.
      AssertionResult a = new AssertionResult("cert_valid_for", expected,
          "no certificate (plain http)", false);
      return new Verdict(a, Optional.of(new StepProblem(FailureReason.ASSERTION,
          "cert_valid_for " + Durations.format(window)
              + " expects https, but the response came over plain http",
          Optional.of(expected), Optional.of(a.actual()))));
    }
    Instant expiry = notAfter.get();
    Duration left = Duration.between(now, expiry);
    String actual = "expires " + expiry + ", " + (left.isNegative()
        ? "expired " + approximately(left.negated()) + " ago" : "in " + approximately(left));
    boolean ok = left.compareTo(window) >= 0;
    AssertionResult a = new AssertionResult("cert_valid_for", expected, actual, ok);
    if (ok) {
      return new Verdict(a, Optional.empty());
    }
    return new Verdict(a, Optional.of(new StepProblem(FailureReason.CERT_EXPIRY,
        "certificate " + actual + "; expected at least " + Durations.format(window),
        Optional.of(expected), Optional.of(actual))));
  }

  /** "3d", "5h", "12m", "40s": the largest whole unit, as people say it about expiry. */
  static String approximately(Duration d) {
    if (d.toDays() >= 1) {
      return d.toDays() + "d";
    }
    if (d.toHours() >= 1) {
      return d.toHours() + "h";
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }
}
