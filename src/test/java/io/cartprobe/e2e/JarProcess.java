package io.cartprobe.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** The real cartprobe.jar started as a process, with its output captured. */
final class JarProcess implements AutoCloseable {

  /** What `demo` prints once the shop (and the agent, unless --no-agent) is up. */
  static final Pattern DEMO_URL = Pattern.compile("shop +(http://127\\.0\\.0\\.1:\\d+)/staging");
  /** The last line of the demo's banner. */
  static final Pattern DEMO_READY = Pattern.compile("Ctrl-C stops the demo");
  /** The demo's agent, in the same banner. */
  static final Pattern DEMO_STATUS_PAGE = Pattern.compile("status page +(http://127\\.0\\.0\\.1:\\d+)/");
  /** What `agent` prints once it serves. */
  static final Pattern AGENT_URL = Pattern.compile("agent: (http://127\\.0\\.0\\.1:\\d+)/");

  private final Process process;
  private final StringBuffer stdout = new StringBuffer();
  private final StringBuffer stderr = new StringBuffer();
  private final List<Thread> pumps = new ArrayList<>();

  private JarProcess(Process process) {
    this.process = process;
    pumps.add(pump(process.getInputStream(), stdout));
    pumps.add(pump(process.getErrorStream(), stderr));
  }

  static Path jar() {
    String jar = System.getProperty("cartprobe.jar");
    if (jar == null) {
      throw new IllegalStateException("run through failsafe: system property cartprobe.jar is unset");
    }
    return Path.of(jar);
  }

  static Path projectDir() {
    return Path.of(System.getProperty("cartprobe.projectDir", "."));
  }

  static JarProcess start(Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir().toFile());
    builder.environment().remove("CARTPROBE_CONFIG");
    builder.environment().putAll(environment);
    try {
      return new JarProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command to completion (bounded), returning its exit code and output. */
  static Outcome run(Map<String, String> environment, String... args) throws InterruptedException {
    try (JarProcess p = start(environment, args)) {
      if (!p.process.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("cartprobe " + String.join(" ", args) + " did not finish in 120s");
      }
      p.joinPumps();
      return new Outcome(p.process.exitValue(), p.stdout.toString(), p.stderr.toString());
    }
  }

  /** Waits (bounded) until stdout shows {@code pattern}; returns its first group. */
  String awaitUrl(Pattern pattern) {
    Awaitility.await().atMost(Duration.ofSeconds(90))
        .until(() -> pattern.matcher(stdout).find() || !process.isAlive());
    Matcher m = pattern.matcher(stdout);
    if (!m.find()) {
      throw new AssertionError("no " + pattern + " in stdout:\n" + stdout + "\nstderr:\n" + stderr);
    }
    return m.group(1);
  }

  String stdout() {
    return stdout.toString();
  }

  String stderr() {
    return stderr.toString();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /**
   * SIGTERM, without waiting: pair with {@link #waitForExit}. Through the process handle, because
   * {@code Process.destroy()} also closes the pipes, losing what the process says while it stops.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process did not exit within " + timeout);
    }
    joinPumps();
    return process.exitValue();
  }

  private void joinPumps() throws InterruptedException {
    for (Thread pump : pumps) {
      pump.join(5_000);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Thread pump(InputStream in, StringBuffer sink) {
    return Thread.ofPlatform().daemon().start(() -> {
      char[] buffer = new char[8192];
      try (var reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
        int n;
        while ((n = reader.read(buffer)) >= 0) {
          sink.append(buffer, 0, n);
        }
      } catch (IOException ignored) {
        // the process went away; what was read is kept
      }
    });
  }

  record Outcome(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }
}
