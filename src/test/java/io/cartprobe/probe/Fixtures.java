package io.cartprobe.probe;

import com.jayway.jsonpath.JsonPath;
import io.cartprobe.config.Body;
import io.cartprobe.config.BodyCheck;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.Classifier;
import io.cartprobe.config.Environment;
import io.cartprobe.config.Expect;
import io.cartprobe.config.Extraction;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.HeaderCheck;
import io.cartprobe.config.JsonAssertion;
import io.cartprobe.config.JsonCheck;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.StatusExpectation;
import io.cartprobe.config.Step;
import io.cartprobe.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.google.re2j.Pattern;
import okhttp3.OkHttpClient;

/**
 * Builds config records directly for tests (the YAML loader is written elsewhere), with the
 * loader's defaults: GET, expect 2xx, component "unassigned".
 */
final class Fixtures {

  static final Clock CLOCK = new TestClock(Instant.parse("2026-01-02T03:04:05Z"));

  private Fixtures() {}

  static ProbeRunner runner() {
    return runner(new OkHttpClient());
  }

  static ProbeRunner runner(OkHttpClient base) {
    return new ProbeRunner(base, CLOCK, "1.2.3");
  }

  static Environment env() {
    return env(Map.of(), Map.of(), Map.of());
  }

  static Environment env(Map<String, String> vars, Map<String, String> headers,
      Map<String, String> secrets) {
    return new Environment("staging", vars, headers, secrets);
  }

  static StepBuilder step(String name, String url) {
    return new StepBuilder(name, url);
  }

  static ProbeBuilder checkout(String name) {
    return new ProbeBuilder(name);
  }

  static GatewayConfigProbe gatewayConfig(String name, Step check) {
    return new GatewayConfigProbe(name, List.of("staging"), Duration.ofMinutes(1),
        Duration.ofSeconds(30), Duration.ofMinutes(1), 0, Map.of(), check, List.of());
  }

  static GatewayConfigProbe gatewayConfig(String name, Step check, List<String> watch) {
    return new GatewayConfigProbe(name, List.of("staging"), Duration.ofMinutes(1),
        Duration.ofSeconds(30), Duration.ofMinutes(1), 0, Map.of(), check, watch);
  }

  static ExpectBuilder expect() {
    return new ExpectBuilder();
  }

  static final class ProbeBuilder {
    private final String name;
    private Duration timeout = Duration.ofSeconds(30);
    private int retries;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> cleanup = new ArrayList<>();

    ProbeBuilder(String name) {
      this.name = name;
    }

    ProbeBuilder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    ProbeBuilder retries(int retries) {
      this.retries = retries;
      return this;
    }

    ProbeBuilder var(String name, String value) {
      vars.put(name, value);
      return this;
    }

    ProbeBuilder step(StepBuilder step) {
      steps.add(step.build());
      return this;
    }

    ProbeBuilder cleanup(StepBuilder step) {
      cleanup.add(step.build());
      return this;
    }

    CheckoutProbe build() {
      return new CheckoutProbe(name, List.of("staging"), Duration.ofSeconds(30), timeout,
          Duration.ofSeconds(30), retries, vars, steps, cleanup);
    }
  }

  static final class ExpectBuilder {
    private StatusExpectation status = StatusExpectation.ANY_2XX;
    private Optional<Duration> maxLatency = Optional.empty();
    private Optional<Duration> degradedLatency = Optional.empty();
    private final List<HeaderCheck> headers = new ArrayList<>();
    private final List<BodyCheck> body = new ArrayList<>();
    private final List<JsonAssertion> json = new ArrayList<>();
    private Optional<Duration> certValidFor = Optional.empty();

    ExpectBuilder certValidFor(Duration window) {
      certValidFor = Optional.of(window);
      return this;
    }

    ExpectBuilder status(int... codes) {
      List<StatusExpectation.Pattern> accepted = new ArrayList<>();
      for (int c : codes) {
        accepted.add(new StatusExpectation.Pattern.Code(c));
      }
      status = new StatusExpectation(accepted);
      return this;
    }

    ExpectBuilder statusClass(int hundreds) {
      status = new StatusExpectation(List.of(new StatusExpectation.Pattern.Class(hundreds)));
      return this;
    }

    ExpectBuilder maxLatency(Duration d) {
      maxLatency = Optional.of(d);
      return this;
    }

    ExpectBuilder degradedLatency(Duration d) {
      degradedLatency = Optional.of(d);
      return this;
    }

    ExpectBuilder header(String name, String regex) {
      headers.add(new HeaderCheck(name, Pattern.compile(regex)));
      return this;
    }

    ExpectBuilder bodyContains(String text) {
      body.add(new BodyCheck.Contains(text));
      return this;
    }

    ExpectBuilder bodyNotContains(String text) {
      body.add(new BodyCheck.NotContains(text));
      return this;
    }

    ExpectBuilder bodyMatches(String regex) {
      body.add(new BodyCheck.Matches(Pattern.compile(regex)));
      return this;
    }

    ExpectBuilder json(String path, JsonCheck... checks) {
      json.add(new JsonAssertion(path, JsonPath.compile(path), List.of(checks)));
      return this;
    }

    Expect build() {
      return new Expect(status, maxLatency, degradedLatency, headers, body, json,
          certValidFor);
    }
  }

  static final class StepBuilder {
    private final String name;
    private final String url;
    private String component = "unassigned";
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Body body = new Body.None();
    private Expect expect = Expect.defaults();
    private final Map<String, Extraction> extract = new LinkedHashMap<>();
    private final List<Classifier> classify = new ArrayList<>();

    StepBuilder(String name, String url) {
      this.name = name;
      this.url = url;
    }

    StepBuilder component(String component) {
      this.component = component;
      return this;
    }

    StepBuilder method(String method) {
      this.method = method;
      return this;
    }

    StepBuilder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    StepBuilder json(Object tree) {
      body = new Body.Json(tree);
      return this;
    }

    StepBuilder form(Map<String, String> fields) {
      body = new Body.Form(fields);
      return this;
    }

    StepBuilder raw(String content) {
      body = new Body.Raw(content);
      return this;
    }

    StepBuilder expect(ExpectBuilder expect) {
      this.expect = expect.build();
      return this;
    }

    /** {@code $.id}, {@code header:NAME}, {@code cookie:NAME} or {@code regex:PATTERN}. */
    StepBuilder extract(String name, String source) {
      return extract(name, source, false);
    }

    StepBuilder extract(String name, String source, boolean secret) {
      Extraction.Source parsed;
      if (source.startsWith("header:")) {
        parsed = new Extraction.Source.Header(source.substring(7));
      } else if (source.startsWith("cookie:")) {
        parsed = new Extraction.Source.Cookie(source.substring(7));
      } else if (source.startsWith("regex:")) {
        parsed = new Extraction.Source.Regex(Pattern.compile(source.substring(6)));
      } else {
        parsed = new Extraction.Source.Json(JsonPath.compile(source));
      }
      extract.put(name, new Extraction(parsed, secret));
      return this;
    }

    StepBuilder classify(ExpectBuilder when, String as) {
      classify.add(new Classifier(when.build(), as));
      return this;
    }

    Step build() {
      return new Step(name, component, new RequestSpec(method, url, headers, body), expect,
          extract, classify);
    }
  }
}
