package io.cartprobe.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One headless Chromium process, started under a small shell watchdog: Chromium runs in its own
 * process group, and the watchdog kills that whole group (and removes the profile) when our
 * end of its stdin closes. The kernel closes it when this JVM exits in any way, SIGKILL
 * included, so no Chromium outlives the process that started it.
 */
final class Chromium implements AutoCloseable {

  static final String ENV = "CARTPROBE_CHROMIUM";
  static final String INSTALL_HINT =
      "install it with 'apt-get install chromium chromium-driver' or set " + ENV;
  /** Profiles are named after the JVM that started them, so its leftovers can be told apart. */
  static final String PROFILE_PREFIX = "cartprobe-chromium-";
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  /** Without these Chromium calls Google's hosts; a fresh profile per launch keeps runs apart. */
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
      "--disable-features=IsolateOrigins,site-per-process", "--remote-debugging-port=0",
      "--window-size=1280,900");

  private static final String WATCHDOG = """
      setsid "$@" </dev/null >/dev/null &
      pid=$!
      cleanup() { kill -KILL -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$CARTPROBE_PROFILE"; exit 0; }
      trap cleanup TERM INT HUP
      read -r _ignored
      cleanup
      """;

  private final Process watchdog;
  private final URI devtools;

  private Chromium(Process watchdog, URI devtools) {
    this.watchdog = watchdog;
    this.devtools = devtools;
  }

  /** The executable: {@code $CARTPROBE_CHROMIUM}, else the first of the usual names on PATH. */
  static Optional<Path> locate(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : NAMES) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  static Chromium launch(Path executable, Duration timeout) throws BrowserException {
    Process p = null;
    try {
      Path profile = Files.createTempDirectory(PROFILE_PREFIX + ProcessHandle.current().pid() + "-");
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "cartprobe-chromium",
          executable.toString()));
      command.addAll(FLAGS);
      command.add("--user-data-dir=" + profile);
      command.add("about:blank");
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().put("CARTPROBE_PROFILE", profile.toString());
      // The watchdog passes Chromium's stderr through: it names the DevTools address.
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      p = pb.start();
      URI ws = devtoolsAddress(p, timeout);
      return new Chromium(p, ws);
    } catch (IOException e) {
      if (p != null) {
        p.destroyForcibly();
      }
      throw new BrowserException("cannot start Chromium (" + executable + "): " + e.getMessage());
    } catch (BrowserException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static URI devtoolsAddress(Process p, Duration timeout) throws BrowserException {
    CompletableFuture<URI> found = new CompletableFuture<>();
    Thread.ofVirtual().name("chromium-stderr").start(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          int at = line.indexOf("ws://");
          if (!found.isDone() && line.startsWith("DevTools listening on") && at >= 0) {
            found.complete(URI.create(line.substring(at).trim()));
          }
          // Read on to the end: a full pipe would block Chromium.
        }
      } catch (IOException e) {
        // The process ended; handled below.
      }
      found.completeExceptionally(new IOException("Chromium exited before it was ready"));
    });
    try {
      return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted while starting Chromium");
    } catch (Exception e) {
      throw new BrowserException("Chromium did not start: "
          + (e.getCause() == null ? "no DevTools address within " + timeout.toMillis() + "ms"
              : e.getCause().getMessage()));
    }
  }

  URI devtools() {
    return devtools;
  }

  boolean isAlive() {
    return watchdog.isAlive();
  }

  /** Closing the watchdog's stdin makes it kill Chromium's process group and remove the profile. */
  @Override
  public void close() {
    try {
      watchdog.getOutputStream().close();
      if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
        watchdog.destroy();
        watchdog.waitFor(2, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      watchdog.destroy();
    } catch (InterruptedException e) {
      watchdog.destroy();
      Thread.currentThread().interrupt();
    }
  }
}
