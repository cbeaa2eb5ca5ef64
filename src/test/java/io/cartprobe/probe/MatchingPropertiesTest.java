package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.Step;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Thousands of generated patterns, as validate accepts them, against generated bodies: the
 * checks, extraction and classification never throw and stop at the deadline, however the
 * pattern nests.
 *
 * <p>The bound is on the CPU time the checking thread spends, not on wall time: a loaded
 * machine may leave the thread unscheduled for seconds, which says nothing about the matcher,
 * while work that ignores the deadline burns CPU (seconds to minutes for these patterns).
 */
class MatchingPropertiesTest {

  private static final Duration BUDGET = Duration.ofMillis(20);
  /** CPU the thread may spend past the budget: the last checks, and JIT on the first tries. */
  private static final Duration CPU_SLACK = Duration.ofSeconds(1);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Property(tries = 2000)
  void matchingStopsAtTheDeadlineAndNeverThrows(@ForAll("patterns") String pattern,
      @ForAll("bodies") String body) {
    Step step = load(pattern);
    Assume.that(step != null); // validate refused it (too large): nothing would ever run it

    Deadline deadline = Deadline.after(BUDGET);
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    String header = body.substring(0, Math.min(body.length(), 2000)).replaceAll("[^ -~]", "x");
    ResponseView response = new ResponseView(200, Headers.of("X-V", header),
        "{\"v\": " + Json.render(body) + "}", Duration.ZERO,
        HttpUrl.get("http://probe.test/"), List.of(), Optional.empty(), deadline);
    String outcome = "finished";
    try {
      ExpectChecker.check(step.expect(), response, Instant.EPOCH);
      Extractor.extract(step.extract(), response);
      step.classify().forEach(c -> ExpectChecker.holds(c.when(), response));
    } catch (Deadline.Exceeded e) {
      outcome = "stopped at the deadline"; // the designed way out: the step reports a timeout
    }
    Duration cpu = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpuStart);
    Duration over = Duration.ofNanos(System.nanoTime() - start).minus(BUDGET);
    Statistics.label("outcome").collect(outcome);
    Statistics.label("wall time past the 20ms deadline").collect(over.isNegative() ? "not past"
        : over.toMillis() < 5 ? "< 5ms" : over.toMillis() < 50 ? "5-50ms" : ">= 50ms");
    Statistics.label("CPU time").collect(cpu.toMillis() <= 20 ? "<= 20ms"
        : cpu.toMillis() < 50 ? "20-50ms" : ">= 50ms");
    assertThat(cpu).isLessThan(BUDGET.plus(CPU_SLACK));
  }

  /** A probe using {@code pattern} everywhere a pattern goes, loaded as validate loads it. */
  private static Step load(String pattern) {
    String quoted = "'" + pattern.replace("'", "''") + "'";
    String yaml = """
        environments:
          staging: {vars: {base_url: "http://probe.test"}}
        probes:
          - name: p
            type: checkout
            steps:
              - name: s
                request: {url: "{{base_url}}/"}
                expect:
                  headers: {X-V: %1$s}
                  body: {matches: %1$s}
                  json: {$.v: {matches: %1$s}}
                extract: {x: %2$s}
                classify:
                  - {when: {body: {matches: %1$s}}, as: c}
        """.formatted(quoted, "'regex:" + pattern.replace("'", "''") + "'");
    try {
      CartprobeConfig config = new ConfigLoader(Map.of()).parse("p.yaml", yaml, null);
      return config.probes().getFirst().steps().getFirst();
    } catch (ConfigException e) {
      return null;
    }
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of("((a+)+)+$", "(a|aa)+$", "(.*a){20}", "(?s).{0,999}z",
            "(a*)*b", "(x+x+)+y", "^(a|a?)+$", "(\\w+\\s?)+$", "(?i)(A|a)*Z")),
        Tuple.of(9, pattern(4)));
  }

  private Arbitrary<String> pattern(int depth) {
    Arbitrary<String> atom = Arbitraries.of("a", "b", "x", ".", "[ab]", "[^b]", "\\d", "\\w",
        "\\s", "(?:)", "^", "$", "\\b");
    if (depth == 0) {
      return atom;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> pattern(depth - 1));
    Arbitrary<String> quantifier = Arbitraries.of("*", "+", "?", "*?", "{2}", "{0,50}", "{3,}",
        "{1,999}");
    return Arbitraries.frequencyOf(
        Tuple.of(3, atom),
        Tuple.of(3, Arbitraries.strings().withChars("abx").ofMinLength(1).ofMaxLength(6)),
        Tuple.of(3, inner.list().ofMinSize(2).ofMaxSize(4).map(l -> String.join("", l))),
        Tuple.of(2, inner.list().ofMinSize(2).ofMaxSize(4).map(l -> "(?:" + String.join("|", l) + ")")),
        Tuple.of(3, Combinators.combine(inner, quantifier)
            .as((p, q) -> "(" + p + ")" + q)));
  }

  /** Short and long, regular and random (80 KB at most): long ones are where backtracking explodes. */
  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> chunk = Arbitraries.strings().withChars("abxz \n").ofMaxLength(40);
    return Arbitraries.frequencyOf(
        Tuple.of(3, chunk),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(2, Combinators.combine(chunk, Arbitraries.integers().between(1, 2000))
            .as(String::repeat)),
        Tuple.of(1, Arbitraries.integers().between(10, 60_000).map(n -> "a".repeat(n) + "b")));
  }
}
