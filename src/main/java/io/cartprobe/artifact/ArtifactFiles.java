package io.cartprobe.artifact;

import io.cartprobe.result.BrowserEvidence;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run's failed browser steps: each screenshot as PNG, the page's console
 * errors and its failed requests as text, one line each. Everything written is already
 * redacted (the screenshot was masked in the page before it was taken).
 */
public final class ArtifactFiles {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ArtifactFiles() {}

  /** The failed steps that have a page to show. */
  public static List<StepResult> failedBrowserSteps(ProbeResult result) {
    return result.steps().stream()
        .filter(s -> s.status() == StepStatus.FAILED && s.browser().isPresent()).toList();
  }

  /**
   * A run's directory name: start time first, so names sort oldest first; then probe,
   * environment and the trace id's start, in file-name-safe characters.
   */
  public static String directoryName(ProbeResult result) {
    String trace = result.traceId().length() > 8 ? result.traceId().substring(0, 8) : result.traceId();
    return STAMP.format(result.startedAt()) + "-" + safe(result.probe()) + "-"
        + safe(result.environment()) + (trace.isEmpty() ? "" : "-" + safe(trace));
  }

  /**
   * Writes the run's artifacts into {@code dir} (created if there is anything to write).
   *
   * @return the files written, in step order; empty when no browser step failed
   */
  public static List<Path> write(ProbeResult result, Path dir) throws IOException {
    List<Path> written = new ArrayList<>();
    for (StepResult step : failedBrowserSteps(result)) {
      Files.createDirectories(dir);
      BrowserEvidence page = step.browser().orElseThrow();
      for (BrowserEvidence.Screenshot shot : page.screenshots()) {
        if (shot.png().length > 0) {
          written.add(Files.write(dir.resolve(safe(shot.file())), shot.png()));
        }
      }
      written.add(text(dir.resolve(safe(step.name()) + "-console.txt"), page.consoleErrors()));
      written.add(text(dir.resolve(safe(step.name()) + "-requests.txt"), page.failedRequests()));
    }
    return written;
  }

  /** The result with each failed browser step saying where its artifacts are. */
  public static ProbeResult pointTo(ProbeResult result, String location) {
    List<StepResult> failed = failedBrowserSteps(result);
    return result.withSteps(result.steps().stream()
        .map(s -> failed.contains(s)
            ? s.withBrowser(s.browser().orElseThrow().withArtifacts(location)) : s)
        .toList());
  }

  private static Path text(Path file, List<String> lines) throws IOException {
    String body = lines.isEmpty() ? "(none)\n" : String.join("\n", lines) + "\n";
    return Files.writeString(file, body, StandardCharsets.UTF_8);
  }

  static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+", "_");
  }
}
