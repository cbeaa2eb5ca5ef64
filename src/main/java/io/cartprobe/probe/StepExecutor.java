package io.cartprobe.probe;

import io.cartprobe.result.FailureReason;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.auth.AuthFailure;
import io.cartprobe.config.Classifier;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.Step;
import io.cartprobe.config.UrlEscapes;
import io.cartprobe.http.HttpExchange;
import io.cartprobe.http.Phases;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Runs one step: render the request, send it, check, extract and classify the response. */
final class StepExecutor {

  static final int EXCERPT_LIMIT = 2048;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final String TRUNCATED = "...[truncated]";

  private StepExecutor() {}

  /** A request ready to send, with what the result must show of it. */
  private record Prepared(Request request, String url, boolean hasIdempotencyKey) {}

  /** Thrown when a rendered request cannot be built (bad URL, illegal header, ...). */
  static final class Unbuildable extends Exception {
    Unbuildable(String message) {
      super(message);
    }
  }

  /**
   * @param keySlot identifies this step's Idempotency-Key within the run ("step:0", ...)
   * @param timeout the time this step may take: what is left of the flow, or the cleanup cap
   */
  static StepOutcome execute(Step step, String keySlot, RunState state, Duration timeout) {
    return execute(step, keySlot, state, timeout, List.of());
  }

  /** @param watch JSONPaths whose values the outcome records (a gateway-config probe's watch) */
  static StepOutcome execute(Step step, String keySlot, RunState state, Duration timeout,
      List<String> watch) {
    // The span id is drawn before the request is built: it is the parent id in the traceparent
    // the shop sees, and the id the step's span is exported under.
    String spanId = state.session().trace().newSpanId();
    Instant startedAt = state.clock().now();
    if (step.isBrowser()) {
      return BrowserStep.execute(step, state, timeout).traced(spanId, startedAt);
    }
    return send(step, keySlot, state, timeout, watch, spanId).traced(spanId, startedAt);
  }

  /** A step that never started because the flow's deadline had passed. */
  static StepOutcome deadlinePassed(Step step, RunState state, Duration flowTimeout) {
    return notSent(step, step.request().url(), StepProblem.of(FailureReason.TIMEOUT,
        "flow deadline of " + flowTimeout.toMillis() + "ms reached before the step started"))
        .traced(state.session().trace().newSpanId(), state.clock().now());
  }

  private static StepOutcome send(Step step, String keySlot, RunState state, Duration timeout,
      List<String> watch, String spanId) {
    Deadline deadline = Deadline.after(timeout);
    RequestSpec spec = step.request();
    ClientSettings client = state.client().forStep(step);
    Prepared prepared;
    Request request;
    long start = System.nanoTime();
    try {
      prepared = prepare(spec, keySlot, state);
    } catch (TemplateException e) {
      return notSent(step, spec.url(), StepProblem.of(FailureReason.TEMPLATE, e.getMessage()));
    } catch (Unbuildable e) {
      return notSent(step, spec.url(), StepProblem.of(FailureReason.TEMPLATE, e.getMessage()));
    }
    try {
      request = state.auth().authorize(prepared.request(), client, state, timeout);
    } catch (TemplateException e) {
      return notSent(step, spec.url(), StepProblem.of(FailureReason.TEMPLATE, e.getMessage()));
    } catch (AuthFailure e) {
      return notSent(step, prepared.url(), StepProblem.of(FailureReason.AUTH, StepAuth.describe(e)));
    }
    // A token fetched just now took its time out of the step's.
    Duration left = timeout.minusNanos(System.nanoTime() - start);
    boolean safe = spec.idempotentMethod() || prepared.hasIdempotencyKey();
    HttpExchange exchange = state.session().execute(request, left, client.tls(), spanId);
    if (exchange instanceof HttpExchange.Completed done && done.head().status() == 401) {
      state.auth().refused();
    }
    return switch (exchange) {
      case HttpExchange.Completed done -> {
        Supplier<StepOutcome> check =
            () -> completed(step, prepared, done, safe, state, watch, client, deadline);
        try {
          yield ResponseChecks.readsTheBody(step, watch) ? state.checks().call(check) : check.get();
        } catch (Deadline.Exceeded e) {
          yield overran(step, prepared, done, safe, state, deadline);
        } catch (InterruptedException e) {
          // The agent is stopping and will not record this run; keep the flag for its loop.
          Thread.currentThread().interrupt();
          yield overran(step, prepared, done, safe, state, deadline);
        }
      }
      case HttpExchange.Failed failed -> failed(step, prepared, failed, safe, left, state);
    };
  }

  /** A step that never reached the network, e.g. for a template with no value. */
  static StepOutcome notSent(Step step, String url, StepProblem problem) {
    StepResult result = new StepResult(step.name(), step.component(), StepStatus.FAILED,
        step.request().method(), url, Optional.empty(), Duration.ZERO, Timings.NONE, List.of(),
        Optional.of(problem.reason()), Optional.of(problem.message()), Optional.empty(),
        Optional.empty(), Optional.empty());
    return new StepOutcome(result, false, true, Optional.of(problem));
  }

  private static StepOutcome completed(Step step, Prepared prepared,
      HttpExchange.Completed done, boolean safe, RunState state, List<String> watch,
      ClientSettings client, Deadline deadline) {
    HttpExchange.Head head = done.head();
    ResponseView response = new ResponseView(head.status(), head.headers(), done.body(),
        done.duration(), head.url(), state.session().cookiesFor(head.url()), head.certNotAfter(),
        deadline);
    ExpectChecker.Report report = ClientCertExpiry.check(step.expect(), client.tls(),
        ExpectChecker.check(step.expect(), response, state.scope().clock().instant()),
        state.scope().clock().instant());
    Optional<StepProblem> problem = report.problem();

    Optional<String> classification = Optional.empty();
    Map<String, String> watched = Map.of();
    Map<String, String> shown = new LinkedHashMap<>();
    try {
      // Extract even from a failed response: cleanup may need an id it carried (say, to void
      // an order whose confirmation failed a check).
      Extractor.Extracted extracted = Extractor.extract(step.extract(), response);
      extracted.values().forEach((name, value) -> {
        state.extracted().put(name, value);
        boolean secret = step.extract().get(name).secret();
        if (secret) {
          state.redactor().add(value);
        }
        shown.put(name, secret ? Redactor.MASK : value);
      });
      if (problem.isEmpty() && !extracted.missing().isEmpty()) {
        problem = Optional.of(StepProblem.of(FailureReason.EXTRACT,
            "nothing to extract for " + String.join(", ", extracted.missing())));
      }
      classification = problem.isEmpty() ? Optional.empty() : classify(step.classify(), response);
      // Recorded whatever the verdict: a config that fails its checks is exactly the one whose
      // values must be seen and diffed.
      watched = WatchedValues.read(watch, response);
    } catch (Deadline.Exceeded e) {
      if (problem.isEmpty()) {
        throw e; // nothing was wrong with the response: the step overstayed
      }
      // The response had already failed its checks; the deadline only cut the extras short.
    }
    StepStatus status = problem.isPresent() ? StepStatus.FAILED
        : report.degraded() ? StepStatus.DEGRADED : StepStatus.PASSED;
    Optional<String> excerpt = problem.isPresent()
        ? Optional.of(excerpt(state.redactor(), done.body())) : Optional.empty();
    StepResult result = new StepResult(step.name(), step.component(), status,
        step.request().method(), prepared.url(), Optional.of(head.status()), done.duration(),
        timings(done.phases()), report.assertions(), problem.map(StepProblem::reason),
        problem.map(StepProblem::message), excerpt, classification, head.certNotAfter(), shown)
        .withHttp(head.facts());
    if (problem.isPresent()) {
      result = result.withExchange(ExchangeCapture.of(prepared.request(), head, excerpt.get()));
    }
    return new StepOutcome(result, done.requestSent(), safe, problem, watched);
  }

  /**
   * The response arrived but checking it ran into the deadline before anything was found
   * wrong: the step fails as a timeout, with what the server answered.
   */
  private static StepOutcome overran(Step step, Prepared prepared, HttpExchange.Completed done,
      boolean safe, RunState state, Deadline deadline) {
    StepProblem problem = StepProblem.of(FailureReason.TIMEOUT, "deadline exceeded while"
        + " checking the response: expect, extract and classify did not finish within the "
        + deadline.budget().toMillis() + "ms the step had");
    HttpExchange.Head head = done.head();
    StepResult result = new StepResult(step.name(), step.component(), StepStatus.FAILED,
        step.request().method(), prepared.url(), Optional.of(head.status()), done.duration(),
        timings(done.phases()), List.of(), Optional.of(problem.reason()),
        Optional.of(problem.message()), Optional.of(excerpt(state.redactor(), done.body())),
        Optional.empty(), head.certNotAfter()).withHttp(head.facts());
    return new StepOutcome(result, done.requestSent(), safe, Optional.of(problem));
  }

  private static StepOutcome failed(Step step, Prepared prepared, HttpExchange.Failed failed,
      boolean safe, Duration timeout, RunState state) {
    boolean deadlinePassed = failed.elapsed().compareTo(timeout) >= 0;
    FailureReason reason =
        FailureReasons.of(failed.error(), failed.head().isPresent(), deadlinePassed);
    String message = FailureReasons.describe(reason, failed.error());
    StepProblem problem = StepProblem.of(reason, message);
    StepResult result = new StepResult(step.name(), step.component(), StepStatus.FAILED,
        step.request().method(), prepared.url(), failed.head().map(HttpExchange.Head::status),
        failed.duration(), timings(failed.phases()), List.of(), Optional.of(reason),
        Optional.of(message),
        failed.partialBody().map(b -> excerpt(state.redactor(), b)), Optional.empty(),
        failed.head().flatMap(HttpExchange.Head::certNotAfter));
    if (failed.head().isPresent()) {
      result = result.withHttp(failed.head().get().facts());
    }
    return new StepOutcome(result, failed.requestSent(), safe, Optional.of(problem));
  }

  private static Optional<String> classify(List<Classifier> classifiers, ResponseView r) {
    return classifiers.stream().filter(c -> ExpectChecker.holds(c.when(), r)).findFirst()
        .map(Classifier::as);
  }

  private static Prepared prepare(RequestSpec spec, String keySlot, RunState state)
      throws TemplateException, Unbuildable {
    String url = Templates.render(spec.url(), state.scope());
    Optional<String> badEscape = UrlEscapes.invalid(url, false);
    if (badEscape.isPresent()) {
      throw new Unbuildable("rendered URL " + url + " has an invalid percent-escape "
          + UrlEscapes.describe(badEscape.get()) + " (" + UrlEscapes.HINT + ")");
    }
    HttpUrl httpUrl = HttpUrl.parse(url);
    if (httpUrl == null) {
      throw new Unbuildable("rendered URL is not a valid http(s) URL: " + url);
    }

    // Environment headers first, the step's replace them whatever the case of their names.
    Map<String, Map.Entry<String, String>> headers = new LinkedHashMap<>();
    for (Map<String, String> source : List.of(state.environment().headers(), spec.headers())) {
      for (Map.Entry<String, String> h : source.entrySet()) {
        headers.put(h.getKey().toLowerCase(Locale.ROOT), Map.entry(h.getKey(), h.getValue()));
      }
    }
    Request.Builder builder = new Request.Builder().url(httpUrl);
    Optional<String> contentType = Optional.empty();
    boolean hasKey = false;
    try {
      for (Map.Entry<String, String> h : headers.values()) {
        String value;
        if (h.getKey().equalsIgnoreCase(IDEMPOTENCY_KEY)) {
          // Rendered once per run: a retry must carry the key the server already saw.
          value = state.idempotencyKeys().get(keySlot);
          if (value == null) {
            value = Templates.render(h.getValue(), state.scope());
            state.idempotencyKeys().put(keySlot, value);
          }
          hasKey = true;
        } else {
          value = Templates.render(h.getValue(), state.scope());
        }
        if (h.getKey().equalsIgnoreCase("Content-Type")) {
          contentType = Optional.of(value);
        }
        builder.header(h.getKey(), value);
      }
      builder.method(spec.method(), RequestBodies.of(spec, contentType, state));
    } catch (IllegalArgumentException e) {
      throw new Unbuildable("cannot build the request: " + e.getMessage());
    }
    return new Prepared(builder.build(), url, hasKey);
  }

  /** The redacted beginning of a body: at most {@link #EXCERPT_LIMIT} chars, whole characters. */
  static String excerpt(Redactor redactor, String body) {
    return redactor.excerpt(body, EXCERPT_LIMIT, TRUNCATED);
  }

  static Timings timings(Phases p) {
    return new Timings(p.dns(), p.connect(), p.tls(), p.request(), p.ttfb(), p.transfer());
  }
}
