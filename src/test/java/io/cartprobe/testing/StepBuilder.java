package io.cartprobe.testing;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StepResult} as the engine would record it; by default a POST to the demo's cart API
 * that passed with 201 in no time. {@link #failed} sets status, reason and message together.
 */
public final class StepBuilder {

  private final String name;
  private final String component;
  private StepStatus status = StepStatus.PASSED;
  private String method = "POST";
  private String url = "http://shop.test/api/carts";
  private Optional<Integer> http = Optional.of(201);
  private Duration took = Duration.ZERO;
  private Timings timings = Timings.NONE;
  private List<AssertionResult> assertions = List.of();
  private Optional<FailureReason> reason = Optional.empty();
  private Optional<String> message = Optional.empty();
  private Optional<String> excerpt = Optional.empty();
  private Optional<String> classification = Optional.empty();
  private Optional<Instant> cert = Optional.empty();

  StepBuilder(String name, String component) {
    this.name = name;
    this.component = component;
  }

  public StepBuilder status(StepStatus value) {
    this.status = value;
    return this;
  }

  public StepBuilder request(String httpMethod, String requestUrl) {
    this.method = httpMethod;
    this.url = requestUrl;
    return this;
  }

  public StepBuilder http(int code) {
    this.http = Optional.of(code);
    return this;
  }

  /** No response arrived (connect refused, timeout). */
  public StepBuilder noResponse() {
    this.http = Optional.empty();
    return this;
  }

  public StepBuilder took(Duration duration) {
    this.took = duration;
    return this;
  }

  public StepBuilder timings(Timings phases) {
    this.timings = phases;
    return this;
  }

  /** Six phases of equal length that add up to the step's duration. */
  public StepBuilder evenPhases() {
    Duration sixth = took.dividedBy(6);
    return timings(new Timings(sixth, sixth, sixth, sixth, sixth, sixth));
  }

  public StepBuilder assertions(AssertionResult... all) {
    this.assertions = List.of(all);
    return this;
  }

  public StepBuilder failed(FailureReason why, String text) {
    this.status = StepStatus.FAILED;
    this.reason = Optional.of(why);
    this.message = Optional.of(text);
    return this;
  }

  public StepBuilder excerpt(String body) {
    this.excerpt = Optional.of(body);
    return this;
  }

  public StepBuilder classification(String name) {
    this.classification = Optional.of(name);
    return this;
  }

  public StepBuilder certNotAfter(Optional<Instant> notAfter) {
    this.cert = notAfter;
    return this;
  }

  public StepResult build() {
    return new StepResult(name, component, status, method, url, http, took, timings, assertions,
        reason, message, excerpt, classification, cert);
  }
}
