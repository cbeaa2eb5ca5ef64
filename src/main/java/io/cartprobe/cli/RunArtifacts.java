package io.cartprobe.cli;

import io.cartprobe.artifact.ArtifactFiles;
import io.cartprobe.result.ProbeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code run --artifacts DIR}: the screenshots, console errors and failed requests of failed
 * browser steps, one directory per run, named on stderr (stdout stays the report, JSON or not).
 * Without the option they go to a fresh temporary directory, made only when there is something
 * to write.
 */
final class RunArtifacts {

  private RunArtifacts() {}

  /** @return the results, each failed browser step pointing at the directory written for it */
  static List<ProbeResult> write(List<ProbeResult> results, Optional<Path> requested,
      PrintWriter err) throws IOException {
    if (results.stream().allMatch(r -> ArtifactFiles.failedBrowserSteps(r).isEmpty())) {
      return results;
    }
    Path root = requested.isPresent() ? Files.createDirectories(requested.get())
        : Files.createTempDirectory("cartprobe-artifacts-");
    List<ProbeResult> out = new ArrayList<>();
    for (ProbeResult r : results) {
      if (ArtifactFiles.failedBrowserSteps(r).isEmpty()) {
        out.add(r);
        continue;
      }
      Path dir = root.resolve(ArtifactFiles.directoryName(r)).toAbsolutePath();
      List<Path> files = ArtifactFiles.write(r, dir);
      err.println("artifacts of " + r.probe() + " @ " + r.environment() + ": " + dir + " ("
          + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()) + ")");
      out.add(ArtifactFiles.pointTo(r, dir + "/"));
    }
    err.flush();
    return out;
  }
}
