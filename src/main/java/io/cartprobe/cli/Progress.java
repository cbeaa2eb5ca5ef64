package io.cartprobe.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line "[3/8] checkout @ staging" counter on stderr, only when a person is watching. */
final class Progress {

  private final PrintWriter err;
  private final boolean enabled;
  private final int total;
  private final AtomicInteger done = new AtomicInteger();

  Progress(PrintWriter err, boolean enabled, int total) {
    this.err = err;
    this.enabled = enabled;
    this.total = total;
  }

  void finished(String probe, String environment) {
    int n = done.incrementAndGet();
    if (!enabled) {
      return;
    }
    synchronized (err) {
      err.print("\r\u001b[2K[" + n + "/" + total + "] " + probe + " @ " + environment);
      if (n == total) {
        err.print("\r\u001b[2K");
      }
      err.flush();
    }
  }
}
