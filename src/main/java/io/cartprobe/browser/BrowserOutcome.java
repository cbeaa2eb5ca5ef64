package io.cartprobe.browser;

import io.cartprobe.result.BrowserEvidence;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.Timings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one browser step did.
 *
 * @param values the {@code css:} extractions found, by name
 * @param missing the extraction names (with their source) that matched nothing
 * @param httpStatus the status of the page's last document, when one was loaded
 */
public record BrowserOutcome(
    Optional<Problem> problem,
    Map<String, String> values,
    List<String> missing,
    Timings timings,
    Optional<Integer> httpStatus,
    BrowserEvidence evidence) {

  /** Why the step failed: {@code browser} (could not act) or {@code assertion} (saw wrong). */
  public record Problem(FailureReason reason, String message, Optional<String> expected,
      Optional<String> actual) {

    static Problem browser(String message) {
      return new Problem(FailureReason.BROWSER, message, Optional.empty(), Optional.empty());
    }
  }
}
