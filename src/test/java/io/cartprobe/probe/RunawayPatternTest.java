package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Patterns that backtrack exponentially, and matching that is slow even in linear time, loaded
 * from YAML as `cartprobe run` loads them: no run outlives its timeout.
 */
class RunawayPatternTest extends ServerTest {

  /** Exponential for a backtracking engine: 2^40 ways to fail on a's followed by a b. */
  private static final String EVIL = "((a+)+)+$";
  private static final String EVIL_INPUT = "a".repeat(40) + "b";
  /** A hard stop for the test itself, far above the probes' own 2 s timeout. */
  private static final Duration GUARD = Duration.ofSeconds(20);
  /**
   * A 1 s flow done "on time", with room for a loaded machine. The reason is what tells a
   * stopped match from one that ran to its end: the latter fails as an assertion.
   */
  private static final Duration ON_TIME = Duration.ofSeconds(6);

  private ProbeResult run(String timeout, String stepYaml) {
    String yaml = """
        environments:
          staging: {vars: {base_url: "%s"}}
        probes:
          - name: p
            type: checkout
            timeout: %s
            steps:
              - name: s
                request: {url: "{{base_url}}/x"}
        %s""".formatted(base(), timeout, stepYaml.lines()
            .map(l -> "        " + l).collect(Collectors.joining("\n")));
    CartprobeConfig config;
    try {
      config = new ConfigLoader(Map.of()).parse("probes.yaml", yaml, null);
    } catch (ConfigException e) {
      throw new AssertionError(e.errors().toString(), e);
    }
    return assertTimeoutPreemptively(GUARD, () -> Fixtures.runner()
        .run(config.probes().getFirst(), config.environments().get("staging")));
  }

  private static Failure failure(ProbeResult r) {
    return r.failure().orElseThrow();
  }

  @Test
  void bodyMatchesDoesNotBacktrack() {
    enqueue(200, EVIL_INPUT);

    ProbeResult r = run("2s", "expect: {body: {matches: \"" + EVIL + "\"}}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(failure(r).message()).contains("body matches");
  }

  @Test
  void jsonMatchesDoesNotBacktrack() {
    enqueueJson(200, "{\"v\": \"" + EVIL_INPUT + "\"}");

    ProbeResult r = run("2s", "expect: {json: {$.v: {matches: \"" + EVIL + "\"}}}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(failure(r).message()).contains("json $.v matches");
  }

  @Test
  void headerRegexDoesNotBacktrack() {
    server.enqueue(new MockResponse.Builder().addHeader("X-V", EVIL_INPUT).body("ok").build());

    ProbeResult r = run("2s", "expect: {headers: {X-V: \"" + EVIL + "\"}}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(failure(r).message()).contains("header X-V");
  }

  @Test
  void extractRegexDoesNotBacktrack() {
    enqueue(200, EVIL_INPUT);

    ProbeResult r = run("2s", "extract: {v: \"regex:" + EVIL + "\"}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.EXTRACT);
  }

  @Test
  void classifyDoesNotBacktrack() {
    enqueue(500, EVIL_INPUT);

    ProbeResult r = run("2s", """
        classify:
          - when: {body: {matches: "%s"}}
            as: evil""".formatted(EVIL));

    assertThat(failure(r).reason()).isEqualTo(FailureReason.STATUS);
    assertThat(failure(r).classification()).isEmpty();
  }

  /**
   * Linear time is still slow for a large pattern over a large body (about 2,000 NFA states
   * at each of a million positions: tens of seconds here, and well over a second on any
   * machine), so matching itself stops at the flow's deadline.
   */
  @Test
  void matchingThatOutlastsTheDeadlineFailsAsTimeoutOnTime() {
    enqueue(200, "a".repeat(1024 * 1024 - 1));

    ProbeResult r = run("1s", "expect: {body: {matches: \"(?s).{0,999}z\"}}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(failure(r).message()).contains("deadline").contains("checking the response");
    assertThat(r.duration()).isLessThan(ON_TIME);
    assertThat(r.steps().getFirst().httpStatus()).contains(200);
  }

  @Test
  void slowJsonMatchesStopsAtTheDeadline() {
    enqueueJson(200, "{\"v\": \"" + "a".repeat(1000 * 1000) + "\"}");

    ProbeResult r = run("1s", "expect: {json: {$.v: {matches: \"(?s).*.{0,999}z\"}}}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.duration()).isLessThan(ON_TIME);
  }

  @Test
  void slowExtractRegexStopsAtTheDeadline() {
    enqueue(200, "a".repeat(1024 * 1024 - 1));

    ProbeResult r = run("1s", "extract: {v: \"regex:(?s).{0,999}z\"}");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.duration()).isLessThan(ON_TIME);
  }

  /** A response already wrong keeps its reason: the deadline only cut its classifying short. */
  @Test
  void slowClassifyStopsAtTheDeadlineAndKeepsTheStatusReason() {
    enqueue(500, "a".repeat(1024 * 1024 - 1));

    ProbeResult r = run("1s", """
        classify:
          - when: {body: {matches: "(?s).{0,999}z"}}
            as: slow""");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.STATUS);
    assertThat(failure(r).classification()).isEmpty();
    assertThat(r.duration()).isLessThan(ON_TIME);
  }
}
