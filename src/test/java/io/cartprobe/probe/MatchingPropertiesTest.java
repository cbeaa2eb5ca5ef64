package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.Step;
import io.cartprobe.testing.Generated;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

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

  private static final long SEED = 20261201L;
  private static final int CASES = 2000;
  private static final Duration BUDGET = Duration.ofMillis(20);
  /** CPU the thread may spend past the budget: the last checks, and JIT on the first tries. */
  private static final Duration CPU_SLACK = Duration.ofSeconds(1);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One generated case; the body shows abbreviated, its case seed rebuilds it whole. */
  record Sample(String pattern, String body) {
    @Override
    public String toString() {
      return "pattern " + pattern + " on body " + Json.render(Generated.abbreviate(body, 200));
    }
  }

  @Test
  void matchingStopsAtTheDeadlineAndNeverThrows() {
    Map<String, Integer> stats = new TreeMap<>();
    Generated.forEach(SEED, CASES, random -> new Sample(pattern(random), body(random)), sample -> {
      Step step = load(sample.pattern());
      if (step == null) { // validate refused it (too large): nothing would ever run it
        stats.merge("refused by validate", 1, Integer::sum);
        return;
      }
      Deadline deadline = Deadline.after(BUDGET);
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      String body = sample.body();
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
      stats.merge(outcome, 1, Integer::sum);
      stats.merge("wall past deadline " + (over.isNegative() ? "none" : over.toMillis() < 5
          ? "< 5ms" : over.toMillis() < 50 ? "5-50ms" : ">= 50ms"), 1, Integer::sum);
      stats.merge("CPU " + (cpu.toMillis() <= 20 ? "<= 20ms" : cpu.toMillis() < 50 ? "20-50ms"
          : ">= 50ms"), 1, Integer::sum);
      assertThat(cpu).as("CPU time of the checks").isLessThan(BUDGET.plus(CPU_SLACK));
    });
    System.out.printf("MatchingPropertiesTest: %d cases, seed %d: %s%n", CASES, SEED, stats);
    // A generator that drifted into patterns validate refuses would check nothing.
    assertThat(stats.getOrDefault("refused by validate", 0)).isLessThan(CASES / 4);
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

  /** One in ten a classic backtracking shape, else a generated nesting of groups. */
  private static String pattern(SplittableRandom random) {
    return random.nextInt(10) == 0
        ? Generated.oneOf(random, "((a+)+)+$", "(a|aa)+$", "(.*a){20}", "(?s).{0,999}z",
            "(a*)*b", "(x+x+)+y", "^(a|a?)+$", "(\\w+\\s?)+$", "(?i)(A|a)*Z")
        : pattern(random, 4);
  }

  private static String pattern(SplittableRandom random, int depth) {
    String atom = Generated.oneOf(random, "a", "b", "x", ".", "[ab]", "[^b]", "\\d", "\\w",
        "\\s", "(?:)", "^", "$", "\\b");
    if (depth == 0) {
      return atom;
    }
    int pick = random.nextInt(14); // weights 3 atom, 3 literal, 3 sequence, 2 alternation, 3 repeat
    if (pick < 3) {
      return atom;
    } else if (pick < 6) {
      return Generated.string(random, "abx", 1, 6);
    } else if (pick < 11) {
      StringBuilder parts = new StringBuilder();
      for (int n = random.nextInt(2, 5); n > 0; n--) {
        parts.append(pick >= 9 && !parts.isEmpty() ? "|" : "").append(pattern(random, depth - 1));
      }
      return pick < 9 ? parts.toString() : "(?:" + parts + ")";
    }
    return "(" + pattern(random, depth - 1) + ")" + Generated.oneOf(random, "*", "+", "?", "*?",
        "{2}", "{0,50}", "{3,}", "{1,999}");
  }

  /** Short and long, regular and random (80 KB at most): backtracking explodes on long ones. */
  private static String body(SplittableRandom random) {
    int pick = random.nextInt(8); // weights 3 chunk, 2 any text, 2 repeated chunk, 1 a...ab
    if (pick < 3) {
      return chunk(random);
    } else if (pick < 5) {
      return Generated.anyString(random, 200);
    } else if (pick < 7) {
      return chunk(random).repeat(Generated.length(random, 1, 2000));
    }
    return "a".repeat(Generated.length(random, 10, 60_000)) + "b";
  }

  private static String chunk(SplittableRandom random) {
    return Generated.string(random, "abxz \n", 0, 40);
  }
}
