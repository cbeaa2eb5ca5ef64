package io.cartprobe.cli;

import io.cartprobe.Words;
import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The human output of {@code run}: per run a headline, a step table, and for the failed step
 * what was expected, what came back and the (redacted) body. Colour only when asked to.
 */
final class TextReport {

  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String DIM = "\u001b[2m";
  private static final String BOLD = "\u001b[1m";

  private final PrintWriter out;
  private final boolean colour;
  private final boolean verbose;

  TextReport(PrintWriter out, boolean colour, boolean verbose) {
    this.out = out;
    this.colour = colour;
    this.verbose = verbose;
  }

  void print(List<ProbeResult> results) {
    for (ProbeResult result : results) {
      printRun(result);
      out.println();
    }
    long failed = results.stream().filter(r -> r.verdict() == Verdict.FAILURE).count();
    long degraded = results.stream().filter(r -> r.verdict() == Verdict.DEGRADED).count();
    long passed = results.size() - failed - degraded;
    String summary = Words.count(results.size(), "run") + ": "
        + passed + " passed, " + degraded + " degraded, " + failed + " failed";
    out.println(failed > 0 ? paint(RED + BOLD, summary) : paint(GREEN + BOLD, summary));
  }

  private void printRun(ProbeResult result) {
    String verdict = switch (result.verdict()) {
      case SUCCESS -> paint(GREEN + BOLD, "PASS");
      case DEGRADED -> paint(YELLOW + BOLD, "SLOW");
      case FAILURE -> paint(RED + BOLD, "FAIL");
    };
    // The steps' own time first: it is what the shop served. The total is the run's wall time
    // up to its verdict (every attempt, and on a one-off run mostly the JVM warming up).
    Duration inSteps = result.steps().stream().map(StepResult::duration)
        .reduce(Duration.ZERO, Duration::plus);
    String attempts = result.attempts() > 1 ? ", attempts " + result.attempts() : "";
    out.println(verdict + "  " + paint(BOLD, result.title())
        + "  " + time(inSteps) + " in steps, " + time(result.duration()) + " total" + attempts
        + "  " + paint(DIM, "trace " + result.traceId()));

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"STEP", "COMPONENT", "RESULT", "HTTP", "TIME"});
    result.steps().forEach(step -> rows.add(row(step, "")));
    // Each attempt ran its own cleanup, in order; with a retry, say which attempt a row is from.
    int perAttempt = result.cleanup().size() / Math.max(1, result.attempts());
    for (int i = 0; i < result.cleanup().size(); i++) {
      String attempt = result.attempts() > 1 && perAttempt > 0
          ? " (attempt " + (i / perAttempt + 1) + ")" : "";
      rows.add(row(result.cleanup().get(i), "cleanup: ", attempt));
    }
    int[] widths = Table.widths(rows);
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.length; c++) {
        String cell = Table.pad(row[c], widths[c]);
        line.append(c == 2 && i > 0 ? paintStatus(row[c], cell) : cell);
        line.append(c < row.length - 1 ? "  " : "");
      }
      out.println(i == 0 ? paint(DIM, line.toString().stripTrailing()) : line.toString().stripTrailing());
      if (i > 0 && verbose) {
        StepResult step = i - 1 < result.steps().size()
            ? result.steps().get(i - 1)
            : result.cleanup().get(i - 1 - result.steps().size());
        printDetails(step);
      }
    }
    result.failure().ifPresent(failure -> printFailure(result, failure));
    result.notes().forEach(note -> out.println("  " + paint(DIM, "note: " + note)));
  }

  private String[] row(StepResult step, String prefix) {
    return row(step, prefix, "");
  }

  private String[] row(StepResult step, String prefix, String suffix) {
    String status = switch (step.status()) {
      case PASSED -> "ok";
      case DEGRADED -> "slow";
      case FAILED -> "FAIL";
      case SKIPPED -> "skip";
    };
    boolean ran = step.status() != StepStatus.SKIPPED;
    return new String[] {
      prefix + step.name() + suffix,
      step.component().isEmpty() ? "-" : step.component(),
      status,
      step.httpStatus().map(String::valueOf).orElse(ran ? "-" : ""),
      ran ? time(step.duration()) : ""
    };
  }

  private void printFailure(ProbeResult result, Failure failure) {
    String classified = failure.classification().map(c -> ", classified " + paint(BOLD, c)).orElse("");
    out.println("  " + paint(RED, "-> " + failure.step() + " (" + failure.component()
        + ") failed, reason " + failure.reason().wireName()) + classified);
    out.println("     " + failure.message());
    result.steps().stream()
        .filter(s -> s.name().equals(failure.step()))
        .findFirst()
        .flatMap(StepResult::bodyExcerpt)
        .ifPresent(body -> out.println("     body: " + oneLine(body)));
    result.probableCause().ifPresent(cause -> {
      out.println("  " + paint(YELLOW + BOLD, "probable cause (" + cause.confidence().wireName()
          + "): ") + cause.summary());
      out.println("     why: " + cause.why());
    });
    result.providerStatus().forEach(status -> status.findings().forEach(line ->
        out.println("  " + paint(YELLOW + BOLD, line))));
  }

  private void printDetails(StepResult step) {
    for (AssertionResult a : step.assertions()) {
      String mark = a.passed() ? paint(GREEN, "ok  ") : paint(RED, "FAIL");
      out.println("      " + mark + " " + a.check() + ": expected " + a.expected()
          + ", got " + a.actual());
    }
    if (!step.extracted().isEmpty()) {
      StringBuilder line = new StringBuilder("      extracted");
      step.extracted().forEach((name, value) -> line.append("  ").append(name).append('=').append(value));
      out.println(line);
    }
    if (step.status() != StepStatus.SKIPPED) {
      Timings t = step.timings();
      out.println("      " + paint(DIM, "dns " + time(t.dns()) + "  connect " + time(t.connect())
          + "  tls " + time(t.tls()) + "  request " + time(t.request()) + "  ttfb "
          + time(t.ttfb()) + "  transfer " + time(t.transfer())));
    }
  }

  private String paintStatus(String status, String cell) {
    return switch (status) {
      case "ok" -> paint(GREEN, cell);
      case "slow" -> paint(YELLOW, cell);
      case "FAIL" -> paint(RED + BOLD, cell);
      default -> paint(DIM, cell);
    };
  }

  private String paint(String ansi, String text) {
    return colour ? ansi + text + RESET : text;
  }

  static String time(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    return String.format(java.util.Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
  }

  /** Excerpts may be multi-line JSON; one line keeps the table readable. */
  private static String oneLine(String body) {
    return body.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
