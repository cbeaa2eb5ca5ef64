package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules pass the real {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}). promtool comes from the Debian package {@code prometheus}
 * (.ci/run installs it); without it these tests fail rather than skip.
 */
class PrometheusRulesTest {

  static final Path RULES_DIR = Path.of("deploy/prometheus");
  static final Path TESTS_DIR = RULES_DIR.resolve("tests");

  @Test
  void rulesPassPromtoolCheck() throws Exception {
    List<String> files = ymlFiles(RULES_DIR);
    assertThat(files).isNotEmpty();
    List<String> command = new ArrayList<>(List.of(promtool().toString(), "check", "rules"));
    command.addAll(files);
    Result result = run(command);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void ruleUnitTestsPass() throws Exception {
    List<String> files = ymlFiles(TESTS_DIR);
    assertThat(files).isNotEmpty();
    List<String> command = new ArrayList<>(List.of(promtool().toString(), "test", "rules"));
    command.addAll(files);
    Result result = run(command);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAUnitTest() throws Exception {
    String rules = Files.readString(RULES_DIR.resolve("cartprobe-rules.yml"));
    StringBuilder tests = new StringBuilder();
    for (String f : ymlFiles(TESTS_DIR)) {
      tests.append(Files.readString(Path.of(f)));
    }
    List<String> alerts = rules.lines().map(String::strip).filter(l -> l.startsWith("- alert: "))
        .map(l -> l.substring("- alert: ".length()).strip()).distinct().toList();
    assertThat(alerts).isNotEmpty();
    for (String alert : alerts) {
      assertThat(tests.toString()).as("a promtool unit test for %s", alert)
          .contains("alertname: " + alert + "\n");
    }
  }

  static List<String> ymlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted().map(Path::toString).toList();
    }
  }

  record Result(int exitCode, String output) {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Result(process.exitValue(), output);
  }

  static Path promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail("promtool is not on PATH: install the Debian package 'prometheus' "
        + "(apt-get install -y prometheus); the shipped alert rules are checked with it");
  }
}
