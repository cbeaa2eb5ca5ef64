package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The three-minute soak (issue 15): {@code bench/soak.sh} runs the real agent through the
 * launcher on 500 mixed targets, samples heap after GC, threads, open files and RSS, and gives a
 * verdict on their growth. This test holds the script to that verdict.
 */
class SoakIT {

  @Test
  void threeMinutesOnFiveHundredMixedTargetsLeakNothing() throws IOException, InterruptedException {
    Path output = Files.createTempFile("soak", ".md");
    Process soak = new ProcessBuilder("bash", "bench/soak.sh", "--minutes", "3", "--sample", "30")
        .directory(JarProcess.projectDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean ended = soak.waitFor(8, TimeUnit.MINUTES);
    if (!ended) {
      soak.destroyForcibly();
    }
    String report = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(report); // the table, for whoever reads the build log

    assertThat(ended).as("soak ended; output:\n" + report).isTrue();
    assertThat(report).contains("| minute | heap after GC MiB | threads | fds | RSS MiB |");
    assertThat(report).as(report).contains("soak verdict: ok");
    assertThat(soak.exitValue()).as(report).isZero();
  }
}
