package io.cartprobe.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one Chromium of a process, started on first use and started again if it died, and the
 * slots that bound how many browser runs use it at once ({@code agent.max_browsers}). Each run
 * gets a {@link Page} in a fresh browser context: cookies and storage are never shared.
 */
public final class Browsers implements AutoCloseable {

  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(20);

  private final Optional<Path> executable;
  private final Semaphore slots;
  private Chromium chromium;
  private Cdp cdp;

  public Browsers(int maxBrowsers, Map<String, String> env) {
    this.executable = Chromium.locate(env);
    this.slots = new Semaphore(maxBrowsers, true);
  }

  /** Chromium as found, or why a browser step will fail (with the install line). */
  public static Optional<String> missing(Map<String, String> env) {
    return Chromium.locate(env).isPresent() ? Optional.empty()
        : Optional.of("Chromium not found (" + Chromium.ENV + " or PATH); " + Chromium.INSTALL_HINT);
  }

  /** A page in a fresh context; waits for a free slot, all within {@code timeout}. */
  Page open(Duration timeout) throws BrowserException {
    if (executable.isEmpty()) {
      throw new BrowserException(missing(Map.of()).orElseThrow());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new BrowserException("no browser slot free within " + timeout.toMillis()
            + "ms (agent.max_browsers runs are already using Chromium)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted while waiting for a browser slot");
    }
    try {
      Cdp connection = connection();
      return Page.open(connection, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
          this::release);
    } catch (BrowserException | RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  private void release(Page page, boolean clean) {
    if (!clean) {
      // A context that would not close may hold a hung renderer: start over with a new browser.
      restart();
    }
    slots.release();
  }

  private synchronized Cdp connection() throws BrowserException {
    if (cdp != null && cdp.isOpen() && chromium.isAlive()) {
      return cdp;
    }
    stop();
    chromium = Chromium.launch(executable.orElseThrow(), LAUNCH_TIMEOUT);
    try {
      cdp = Cdp.connect(chromium.devtools(), LAUNCH_TIMEOUT);
    } catch (BrowserException e) {
      stop();
      throw e;
    }
    return cdp;
  }

  private synchronized void restart() {
    stop();
  }

  private synchronized void stop() {
    if (cdp != null) {
      cdp.close();
      cdp = null;
    }
    if (chromium != null) {
      chromium.close();
      chromium = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
