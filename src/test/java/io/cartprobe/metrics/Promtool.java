package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promtool check metrics} (Debian package {@code prometheus}) on a scrape.
 * Missing promtool fails the test: the design makes passing promtool part of the contract, so a
 * silently skipped check would hide a broken contract.
 */
final class Promtool {

  private Promtool() {}

  static void checkMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = find();
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectErrorStream(true)
        .start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(process.exitValue())
        .as("promtool check metrics exit code; output:%n%s%nexposition:%n%s", output, exposition)
        .isZero();
  }

  private static Path find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail("promtool is not on PATH: install the Debian package 'prometheus' "
        + "(apt-get install -y prometheus); the metrics contract requires promtool check metrics");
  }
}
