package io.cartprobe.http;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * The emptied {@link RunConnections} of finished runs, for the next runs to take instead of
 * building their own. Shared by every probe: an emptied one holds nothing of the run before,
 * and one shelf for all keeps nothing per probe that a reload would leave behind. It holds at
 * most as many as ran at once (up to {@link #LIMIT}); past that, what comes back is dropped.
 */
final class ConnectionShelf {

  /** Well above the default {@code max_concurrency}: every run at the peak finds one. */
  static final int LIMIT = 512;

  private final OkHttpClient racing;
  private final OkHttpClient direct;
  private final TlsClients tlsClients;
  /** Last in, first out: the most recently used is the likeliest still in the CPU's caches. */
  private final ConcurrentLinkedDeque<RunConnections> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger shelved = new AtomicInteger();

  ConnectionShelf(OkHttpClient racing, OkHttpClient direct, TlsClients tlsClients) {
    this.racing = racing;
    this.direct = direct;
    this.tlsClients = tlsClients;
  }

  /** One for a run to hold alone until it gives it back. */
  RunConnections take() {
    RunConnections found = idle.pollFirst();
    if (found == null) {
      return new RunConnections(racing, direct, tlsClients);
    }
    shelved.decrementAndGet();
    // A connection a raced connect finished after its run (fast fallback's loser, late) would
    // be this run's without a connect: empty it again; nothing to do in the usual case.
    return found.empty() ? found : new RunConnections(racing, direct, tlsClients);
  }

  /** Empties {@code used} and keeps it for a later run, when it is empty and there is room. */
  void giveBack(RunConnections used) {
    if (!used.empty()) {
      return; // something still holds a connection of it: let it go with that
    }
    if (shelved.incrementAndGet() > LIMIT) {
      shelved.decrementAndGet();
      return;
    }
    idle.offerFirst(used);
  }

  /** How many wait on the shelf. */
  int size() {
    return shelved.get();
  }
}
