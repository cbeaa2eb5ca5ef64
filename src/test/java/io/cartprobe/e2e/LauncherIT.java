package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, bin/cartprobe, run as a user runs it: it maps the AOT cache that
 * {@code mvn package} wrote next to the jar, starts quietly without one that is missing, corrupt
 * or made for another jar, and CARTPROBE_JAVA_OPTS replaces its default JVM options.
 */
class LauncherIT {

  /** What the JVM logs when it maps an AOT cache whose classes it can use. */
  static final String CACHE_USED = "Using AOT-linked classes: true";

  @TempDir Path tmp;

  record Outcome(int exit, String stdout, String stderr) {}

  private Outcome launch(Path launcher, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    Path out = tmp.resolve("stdout");
    Path err = tmp.resolve("stderr");
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeAll(List.of("CARTPROBE_JAVA_OPTS", "JDK_JAVA_OPTIONS"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** JDK_JAVA_OPTIONS comes before the launcher's options: an AOT log to a file they leave on. */
  private Map<String, String> aotLogTo(Path log) {
    return Map.of("JDK_JAVA_OPTIONS", "-Xlog:aot=info:file=" + log);
  }

  /** A copy of the launcher with a copy of the jar in ../target, as in a clone. */
  private Path copiedClone() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("clone/bin"));
    Path launcher = bin.resolve("cartprobe");
    Files.copy(JarProcess.projectDir().resolve("bin/cartprobe"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(JarProcess.jar(), Files.createDirectories(tmp.resolve("clone/target"))
        .resolve("cartprobe.jar"));
    return launcher;
  }

  private static String version(Outcome o) {
    return o.stdout().lines().filter(l -> !l.startsWith("-XX:")).findFirst().orElse("");
  }

  @Test
  void theCacheTheBuildWroteIsUsed() throws Exception {
    Path cache = JarProcess.jar().resolveSibling("cartprobe.aot");
    assertThat(cache).as("mvn package writes the AOT cache next to the jar").isNotEmptyFile();
    Path log = tmp.resolve("aot.log");
    Outcome o = launch(JarProcess.projectDir().resolve("bin/cartprobe"), aotLogTo(log), "--version");
    assertThat(o.exit()).isZero();
    assertThat(version(o)).startsWith("cartprobe ");
    assertThat(Files.readString(log)).contains("Opened AOT cache", "/target/cartprobe.aot", CACHE_USED);
  }

  @Test
  void aCacheForAnotherJarIsRefusedQuietly() throws Exception {
    Path launcher = copiedClone();
    // the build's cache, beside a copy of the jar: another file (path, time), so the JVM refuses it
    Files.copy(JarProcess.jar().resolveSibling("cartprobe.aot"),
        tmp.resolve("clone/target/cartprobe.aot"));
    Path log = tmp.resolve("aot.log");
    Outcome logged = launch(launcher, aotLogTo(log), "--version");
    assertThat(logged.exit()).isZero();
    assertThat(Files.readString(log)).contains("Opened AOT cache").doesNotContain(CACHE_USED);

    Outcome o = launch(launcher, Map.of(), "--version");
    assertThat(o).isEqualTo(new Outcome(0, o.stdout(), ""));
    assertThat(o.stdout().lines().toList()).hasSize(2).first().asString().startsWith("cartprobe ");
  }

  @Test
  void aCorruptOrMissingCacheIsQuiet() throws Exception {
    Path launcher = copiedClone();
    Outcome missing = launch(launcher, Map.of(), "--version");
    Files.writeString(tmp.resolve("clone/target/cartprobe.aot"), "not a cache",
        StandardCharsets.UTF_8);
    Outcome corrupt = launch(launcher, Map.of(), "--version");
    for (Outcome o : List.of(missing, corrupt)) {
      assertThat(o.exit()).isZero();
      assertThat(o.stderr()).isEmpty();
      assertThat(o.stdout().lines().toList()).hasSize(2).first().asString().startsWith("cartprobe ");
    }
  }

  @Test
  void oneOffCommandsStopAtC1AndExitWithoutWaitingWhileTheAgentKeepsC2() throws Exception {
    Path launcher = JarProcess.projectDir().resolve("bin/cartprobe");
    Map<String, String> flags = Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags");
    Outcome oneOff = launch(launcher, flags, "--version");
    assertThat(oneOff.exit()).isZero();
    assertThat(oneOff.stdout()).contains("-XX:TieredStopAtLevel=1",
        "-XX:UserThreadWaitAttemptsAtExit=0");
    Outcome agent = launch(launcher, flags, "agent", "--help");
    assertThat(agent.exit()).isZero();
    assertThat(agent.stdout()).contains("-XX:+UseSerialGC")
        .doesNotContain("TieredStopAtLevel", "UserThreadWaitAttemptsAtExit");
  }

  @Test
  void cartprobeJavaOptsReplacesTheDefaults() throws Exception {
    Path launcher = JarProcess.projectDir().resolve("bin/cartprobe");
    Outcome defaults = launch(launcher,
        Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags"), "--version");
    assertThat(defaults.stdout()).contains("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders",
        "-XX:MaxHeapSize=", "-XX:AOTCache=");

    Outcome replaced = launch(launcher,
        Map.of("CARTPROBE_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx100m -XX:AOTMode=off"),
        "--version");
    assertThat(replaced.exit()).isZero();
    // (the JVM's own choice of collector depends on the machine: not asserted)
    assertThat(replaced.stdout()).contains("-XX:MaxHeapSize=104857600", "-XX:AOTMode=off")
        .doesNotContain("-XX:+UseCompactObjectHeaders");
    assertThat(replaced.stdout().lines()).anyMatch(l -> l.startsWith("cartprobe "));
  }
}
