package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step as it ran. URL, excerpt, assertion values, messages and extracted values are already
 * redacted.
 *
 * @param httpStatus absent when no response arrived
 * @param bodyExcerpt at most 2 KiB of the response body, kept only when the step failed
 * @param certNotAfter over HTTPS, the earliest {@code notAfter} of the server's certificate chain
 * @param extracted the values this step's {@code extract} found, in config order; those
 *     extracted with {@code secret: true} are {@code ***}
 * @param spanId the step's span id (16 hex digits): the parent id in the {@code traceparent} of
 *     its requests and the id of its exported span; empty for a step that did not run
 * @param startedAt when the step started; empty for a step that did not run
 * @param http the final response's protocol facts, for {@code /probe}'s blackbox series;
 *     in-process only
 * @param browser what a browser step saw in the page; absent for HTTP steps (and then not in
 *     the JSON forms)
 * @param exchange for a failed step that got an answer, what it sent and got (redacted;
 *     in-process only, for the evidence page)
 */
public record StepResult(
    String name,
    String component,
    StepStatus status,
    String method,
    String url,
    Optional<Integer> httpStatus,
    @JsonProperty("duration_seconds") Duration duration,
    @JsonProperty("timings_seconds") Timings timings,
    List<AssertionResult> assertions,
    Optional<FailureReason> reason,
    Optional<String> message,
    Optional<String> bodyExcerpt,
    Optional<String> classification,
    Optional<Instant> certNotAfter,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> extracted,
    @JsonIgnore String spanId,
    @JsonIgnore Optional<Instant> startedAt,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<BrowserEvidence> browser,
    @JsonIgnore Optional<HttpFacts> http,
    @JsonIgnore Optional<StepExchange> exchange) {

  public StepResult {
    assertions = List.copyOf(assertions);
    extracted = Collections.unmodifiableMap(new LinkedHashMap<>(extracted));
    // In-process only (traces): not in the JSON forms, so absent when read back.
    spanId = spanId == null ? "" : spanId;
    startedAt = startedAt == null ? Optional.empty() : startedAt;
    browser = browser == null ? Optional.empty() : browser;
    http = http == null ? Optional.empty() : http;
    exchange = exchange == null ? Optional.empty() : exchange;
  }

  /** A step as the engine first builds it: nothing extracted, no span recorded. */
  public StepResult(String name, String component, StepStatus status, String method, String url,
      Optional<Integer> httpStatus, Duration duration, Timings timings,
      List<AssertionResult> assertions, Optional<FailureReason> reason, Optional<String> message,
      Optional<String> bodyExcerpt, Optional<String> classification,
      Optional<Instant> certNotAfter) {
    this(name, component, status, method, url, httpStatus, duration, timings, assertions, reason,
        message, bodyExcerpt, classification, certNotAfter, Map.of(), "", Optional.empty());
  }

  public StepResult(String name, String component, StepStatus status, String method, String url,
      Optional<Integer> httpStatus, Duration duration, Timings timings,
      List<AssertionResult> assertions, Optional<FailureReason> reason, Optional<String> message,
      Optional<String> bodyExcerpt, Optional<String> classification,
      Optional<Instant> certNotAfter, Map<String, String> extracted) {
    this(name, component, status, method, url, httpStatus, duration, timings, assertions, reason,
        message, bodyExcerpt, classification, certNotAfter, extracted, "", Optional.empty());
  }

  /** A step with nothing but its HTTP outcome (read back, or a test). */
  public StepResult(String name, String component, StepStatus status, String method, String url,
      Optional<Integer> httpStatus, Duration duration, Timings timings,
      List<AssertionResult> assertions, Optional<FailureReason> reason, Optional<String> message,
      Optional<String> bodyExcerpt, Optional<String> classification,
      Optional<Instant> certNotAfter, Map<String, String> extracted, String spanId,
      Optional<Instant> startedAt) {
    this(name, component, status, method, url, httpStatus, duration, timings, assertions, reason,
        message, bodyExcerpt, classification, certNotAfter, extracted, spanId, startedAt,
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This step as it ran at {@code startedAt}, its requests sent under span {@code spanId}. */
  public StepResult traced(String spanId, Instant startedAt) {
    return new StepResult(name, component, status, method, url, httpStatus, duration, timings,
        assertions, reason, message, bodyExcerpt, classification, certNotAfter, extracted, spanId,
        Optional.of(startedAt), browser, http, exchange);
  }

  /** This step with what its page showed replaced (the agent adds where its artifacts are). */
  public StepResult withBrowser(BrowserEvidence evidence) {
    return new StepResult(name, component, status, method, url, httpStatus, duration, timings,
        assertions, reason, message, bodyExcerpt, classification, certNotAfter, extracted, spanId,
        startedAt, Optional.of(evidence), http, exchange);
  }

  /** This step with the protocol facts of its final response. */
  public StepResult withHttp(HttpFacts facts) {
    return new StepResult(name, component, status, method, url, httpStatus, duration, timings,
        assertions, reason, message, bodyExcerpt, classification, certNotAfter, extracted, spanId,
        startedAt, browser, Optional.of(facts), exchange);
  }

  /** This step with what it sent and got, for the evidence page. */
  public StepResult withExchange(StepExchange recorded) {
    return new StepResult(name, component, status, method, url, httpStatus, duration, timings,
        assertions, reason, message, bodyExcerpt, classification, certNotAfter, extracted, spanId,
        startedAt, browser, http, Optional.of(recorded));
  }

  public static StepResult skipped(String name, String component, String method) {
    return new StepResult(name, component, StepStatus.SKIPPED, method, "", Optional.empty(),
        Duration.ZERO, Timings.NONE, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
