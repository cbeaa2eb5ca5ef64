package io.cartprobe.agent;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads when the config file's content changes on disk. It watches the file's directory, not
 * the file: a Kubernetes ConfigMap volume never writes {@code probes.yaml} (a symlink through
 * {@code ..data}); an update makes a new directory and swaps the {@code ..data} symlink, and
 * editors replace a file by renaming a new one over it. So any event in the directory leads to
 * a read, and only a changed content (SHA-256) to a reload: a touch, or the swap's own several
 * events, reload once or not at all.
 */
public final class ConfigFileWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigFileWatch.class);
  /** Events of one update (the swap's mkdir, symlink, rename, rmdir) come within this. */
  private static final Duration SETTLE = Duration.ofMillis(100);

  private final Path file;
  private final Runnable reload;
  private final WatchService service;
  private final Thread thread;
  private byte[] lastDigest;
  private final java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();

  private ConfigFileWatch(Path file, Runnable reload) throws IOException {
    this.file = file.toAbsolutePath();
    this.reload = reload;
    this.lastDigest = digest().orElse(null);
    Path dir = this.file.getParent();
    this.service = dir.getFileSystem().newWatchService();
    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = Thread.ofPlatform().daemon().name("config-file-watch").unstarted(this::loop);
  }

  /** Starts watching {@code file}; {@code reload} runs on the watch's thread, one at a time. */
  public static ConfigFileWatch start(Path file, Runnable reload) throws IOException {
    ConfigFileWatch watch = new ConfigFileWatch(file, reload);
    watch.thread.start();
    return watch;
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = service.take();
        drain(key);
        // Let the rest of one update arrive before reading, so it is read whole and once.
        WatchKey more;
        while ((more = service.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        checkForChange();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: the agent is stopping
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  /** How many times the file was read after events: lets tests order a change after a non-change. */
  int looks() {
    return looks.get();
  }

  private void checkForChange() {
    Optional<byte[]> now = digest();
    looks.incrementAndGet();
    if (now.isEmpty() || Arrays.equals(now.get(), lastDigest)) {
      return; // gone for a moment (mid-swap), or the same content
    }
    lastDigest = now.get();
    log.info("config file {} changed: reloading", file.getFileName());
    try {
      reload.run();
    } catch (RuntimeException e) {
      log.error("reload after the config file changed failed: {}", e.toString());
    }
  }

  private Optional<byte[]> digest() {
    try {
      return Optional.of(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot read config file {}: {}", file, e.getMessage());
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      log.debug("closing the config file watch: {}", e.toString());
    }
    thread.interrupt();
  }
}
