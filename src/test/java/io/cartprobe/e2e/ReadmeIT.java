package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.demo.DemoProbesYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of README.md, in order, as a newcomer types them, against the demo; what each
 * prints must be what the README shows under it ({@link ReadmeBlocks#matches}: ids, instants and
 * times may differ). The setting is a clone after the README's setup: {@code bin/cartprobe} (the
 * real launcher, on the PATH), the jar in {@code target/}, and {@code probes.yaml}, the tests' copy
 * with latency budgets no machine's load can trip ({@link DemoProbesYaml}). Differences from a
 * terminal, all about ports: the demo and agents listen on free ports, written back to the
 * README's in what they print, and the shipped probes.yaml's default demo URL is given as
 * {@code CARTPROBE_DEMO_URL}.
 */
class ReadmeIT {

  private static final Pattern AGENT_LISTEN = Pattern.compile("--listen 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
  private static final int DEMO_PORT = 8080;
  private static final int AGENT_PORT = 9781;

  @TempDir Path work;
  private final List<JarLike> background = new ArrayList<>();
  /** README port -> the port actually listening. */
  private final Map<Integer, Integer> ports = new LinkedHashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  @AfterEach
  void stopBackground() {
    background.reversed().forEach(JarLike::close);
  }

  @Test
  void everyCommandPrintsWhatTheReadmeShows() throws Exception {
    Path project = JarProcess.projectDir();
    setUpClone(project);
    List<String> mismatches = new ArrayList<>();
    int commands = 0;
    for (Object item : ReadmeBlocks.parse(Files.readString(project.resolve("README.md")))) {
      switch (item) {
        case ReadmeBlocks.File f -> Files.writeString(work.resolve(f.name()), f.content());
        case ReadmeBlocks.Command c -> {
          commands++;
          String printed = run(c, project);
          if (c.showsOutput() && !ReadmeBlocks.matches(c.expected(), printed)) {
            mismatches.add("README.md:" + c.line() + ": $ " + c.text() + "\n--- the README shows\n"
                + String.join("\n", c.expected()) + "\n--- it printed\n" + printed);
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    assertThat(commands).as("commands found in README.md").isGreaterThan(10);
    assertThat(mismatches).as(String.join("\n\n", mismatches)).isEmpty();
  }

  /** bin/ and target/ as after the README's setup; the tests' probes.yaml. */
  private void setUpClone(Path project) throws IOException {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Files.copy(project.resolve("bin/cartprobe"), bin.resolve("cartprobe"));
    Files.setPosixFilePermissions(bin.resolve("cartprobe"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(JarProcess.jar(), Files.createDirectories(work.resolve("target")).resolve("cartprobe.jar"));
    DemoProbesYaml.relaxed(project.resolve("probes.yaml")).writeTo(work);
    environment.put("PATH", bin + ":" + System.getenv("PATH"));
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    // commands that write under ~ (the editor setup) write into the test's directory
    environment.put("HOME", Files.createDirectories(work.resolve("home")).toString());
  }

  /** Runs one command; returns what it printed with the README's ports in it. */
  private String run(ReadmeBlocks.Command c, Path project) throws Exception {
    String command = c.text().replaceFirst("\\s+#.*$", "").strip();
    if (command.equals("mvn -B verify")) {
      // what runs this test: its claim is that CI runs the same command
      assertThat(Files.readAllLines(project.resolve(".ci/run"))).as(".ci/run").contains(command);
      return "";
    }
    List<String> parts = new ArrayList<>(List.of(command.split(" && ")));
    // the build is the jar under test; `export PATH=...bin...` is in the environment already
    parts.removeIf(p -> p.startsWith("mvn ") || p.startsWith("export PATH="));
    if (parts.isEmpty()) {
      return "";
    }
    String last = String.join(" && ", parts);
    if (last.startsWith("cartprobe demo") || last.endsWith("&")) {
      return start(last.replaceFirst("\\s*&$", ""));
    }
    return ReadmeBlocks.mapPorts(shell(ReadmeBlocks.mapPorts(last, ports)), inverse());
  }

  /** A long-running command: started, waited for until it listens; returns its banner. */
  private String start(String command) throws Exception {
    boolean demo = command.startsWith("cartprobe demo");
    Matcher listen = AGENT_LISTEN.matcher(command);
    int readmeAgentPort = listen.find() ? Integer.parseInt(listen.group(1)) : AGENT_PORT;
    String actual = demo ? command + " --port 0 --agent-port 0"
        : command.replace("127.0.0.1:" + readmeAgentPort, "127.0.0.1:0");
    JarLike process = new JarLike(work, environment, actual);
    background.add(process);
    Pattern ready = demo ? JarProcess.DEMO_READY : JarProcess.AGENT_URL;
    Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
        .until(() -> ready.matcher(process.output()).find() || !process.alive());
    String banner = process.output();
    Matcher urls = PORT.matcher(banner);
    assertThat(urls.find()).as(command + " printed:\n" + banner).isTrue();
    if (demo) {
      ports.put(DEMO_PORT, Integer.parseInt(urls.group(1)));
      environment.put("CARTPROBE_DEMO_URL", "http://127.0.0.1:" + ports.get(DEMO_PORT));
      Matcher agent = JarProcess.DEMO_STATUS_PAGE.matcher(banner);
      assertThat(agent.find()).isTrue();
      ports.put(AGENT_PORT, Integer.parseInt(agent.group(1).replaceAll(".*:", "")));
      // The demo on a free port says how `run` finds it; on 8080, the README's, it needs not.
      return ReadmeBlocks.mapPorts(banner, inverse())
          .replace("CARTPROBE_DEMO_URL=http://127.0.0.1:" + DEMO_PORT + " ", "");
    }
    ports.put(readmeAgentPort, Integer.parseInt(urls.group(1)));
    return ReadmeBlocks.mapPorts(banner, inverse());
  }

  private Map<Integer, Integer> inverse() {
    Map<Integer, Integer> inverse = new LinkedHashMap<>();
    ports.forEach((readme, actual) -> inverse.put(actual, readme));
    return inverse;
  }

  private String shell(String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(work.toFile())
        .redirectErrorStream(true);
    builder.environment().remove("CARTPROBE_CONFIG");
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command).isTrue();
    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A command left running, its stdout and stderr collected. */
  private static final class JarLike implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();

    JarLike(Path dir, Map<String, String> environment, String command) throws IOException {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec " + command)
          .directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().remove("CARTPROBE_CONFIG");
      builder.environment().putAll(environment);
      process = builder.start();
      Thread.ofPlatform().daemon().start(() -> {
        try (var reader = process.inputReader()) {
          reader.lines().forEach(l -> output.append(l).append('\n'));
        } catch (IOException ignored) {
          // the process ended
        }
      });
    }

    String output() {
      return output.toString();
    }

    boolean alive() {
      return process.isAlive();
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
