package io.cartprobe.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the state database. Callers hand over a {@link Write} and return at
 * once; every {@link #COMMIT_EVERY} the writer commits what arrived in one transaction (a group
 * commit), so probing and delivery never wait for the disk and a slow disk only delays saving.
 *
 * <p>{@link #replace} keeps only the newest write for a key (a pair's latest state, alerting's
 * whole state): a burst of changes costs one write per batch, not one per change. When the disk
 * fails (full, read-only) the batch is kept and retried with back-off, up to {@link #MAX_QUEUED}
 * writes; beyond that the oldest are dropped and counted.
 */
public final class StateWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StateWriter.class);
  public static final Duration COMMIT_EVERY = Duration.ofMillis(250);
  static final int MAX_QUEUED = 100_000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final StateDb db;
  private final StateListener listener;
  private final Duration commitEvery;
  private final Object lock = new Object();
  private final ArrayDeque<Write> queue = new ArrayDeque<>();
  private final Map<Object, Write> latest = new LinkedHashMap<>();
  private final List<CompletableFuture<Void>> flushes = new ArrayList<>();
  private final Thread thread;
  private boolean closing;

  public StateWriter(StateDb db, StateListener listener) {
    this(db, listener, COMMIT_EVERY);
  }

  StateWriter(StateDb db, StateListener listener, Duration commitEvery) {
    this.db = db;
    this.listener = listener;
    this.commitEvery = commitEvery;
    this.thread = Thread.ofPlatform().name("state-writer").daemon(true).start(this::loop);
  }

  public void submit(Write write) {
    synchronized (lock) {
      wakeIfIdle();
      queue.addLast(write);
      trim();
    }
  }

  /** Like {@link #submit}, but a write of the same key not yet committed is replaced. */
  public void replace(Object key, Write write) {
    synchronized (lock) {
      wakeIfIdle();
      latest.remove(key); // re-insert: keeps batches in the order of their newest change
      latest.put(key, write);
    }
  }

  /**
   * Only the first write of a batch wakes the writer: it then waits out its window whatever
   * arrives, so waking it for each write would only cost every run a context switch.
   */
  private void wakeIfIdle() {
    if (queue.isEmpty() && latest.isEmpty()) {
      lock.notifyAll();
    }
  }

  /** Completes when everything submitted before is committed; fails if that cannot be done now. */
  public CompletableFuture<Void> flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock) {
      flushes.add(done);
      lock.notifyAll();
    }
    return done;
  }

  /** Writes what is left (waiting at most {@code grace}) and stops the thread. */
  public void close(Duration grace) {
    synchronized (lock) {
      closing = true;
      lock.notifyAll();
    }
    try {
      thread.join(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void loop() {
    Duration backoff = Duration.ZERO;
    while (true) {
      List<Write> batch;
      Map<Object, Write> replaced;
      List<CompletableFuture<Void>> waiting;
      boolean last;
      synchronized (lock) {
        try {
          long resume = System.nanoTime() + backoff.toNanos();
          for (long left = backoff.toNanos(); left > 0 && !closing; left = resume - System.nanoTime()) {
            lock.wait(Math.max(1, left / 1_000_000));
          }
          while (queue.isEmpty() && latest.isEmpty() && flushes.isEmpty() && !closing) {
            lock.wait();
          }
          // Gather the batch for the whole window: this is the group commit. A flush or a
          // close may wake it early; the timed wait re-checks the remainder either way.
          long end = System.nanoTime() + commitEvery.toNanos();
          for (long left = commitEvery.toNanos(); left > 0 && flushes.isEmpty() && !closing;
              left = end - System.nanoTime()) {
            lock.wait(Math.max(1, left / 1_000_000));
          }
        } catch (InterruptedException e) {
          closing = true;
        }
        batch = new ArrayList<>(queue);
        queue.clear();
        replaced = new LinkedHashMap<>(latest);
        latest.clear();
        waiting = new ArrayList<>(flushes);
        flushes.clear();
        last = closing;
      }
      List<Write> all = new ArrayList<>(batch);
      all.addAll(replaced.values());
      if (db.writeConnection().isEmpty()) {
        // Not open for writing (see StateDb.open): nothing can be kept for later either.
        listener.writesDropped(all.size());
        SQLException closed = new SQLException(db.health().trouble()
            .map(StateHealth.Trouble::message).orElse("state file " + db.path() + " is not open"));
        waiting.forEach(f -> f.completeExceptionally(closed));
        if (last) {
          return;
        }
        continue;
      }
      SQLException failure = all.isEmpty() ? null : commit(all);
      if (failure == null) {
        backoff = Duration.ZERO;
        waiting.forEach(f -> f.complete(null));
      } else {
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2));
        putBack(batch, replaced);
        waiting.forEach(f -> f.completeExceptionally(failure));
      }
      if (last) {
        return;
      }
    }
  }

  /** @return null on success, else the failure (the batch was rolled back) */
  private SQLException commit(List<Write> writes) {
    Connection c = db.writeConnection().get();
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (Write write : writes) {
          apply(s, c, write);
        }
      }
      c.commit();
    } catch (SQLException e) {
      rollback(c);
      failed(e);
      return e;
    } finally {
      autoCommit(c);
    }
    writes.forEach(Write::committed);
    listener.committed(writes.size());
    if (db.health().recovered()) {
      log.info("state file {} is being written again", db.path());
    }
    return null;
  }

  /** A write that is wrong in itself (a bug, not the disk) is dropped alone, not the batch. */
  private void apply(Statement s, Connection c, Write write) throws SQLException {
    s.execute("SAVEPOINT one");
    try {
      write.apply(c);
      s.execute("RELEASE one");
    } catch (SQLException e) {
      if (transientProblem(e)) {
        throw e;
      }
      s.execute("ROLLBACK TO one");
      s.execute("RELEASE one");
      log.error("state file {}: a write was dropped: {}", db.path(), StateException.describe(e));
      listener.writesDropped(1);
    } catch (RuntimeException e) {
      s.execute("ROLLBACK TO one");
      s.execute("RELEASE one");
      log.error("state file {}: a write was dropped: {}", db.path(), e.toString());
      listener.writesDropped(1);
    }
  }

  private static boolean transientProblem(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    return code == 5 || code == 6 // BUSY, LOCKED
        || StateException.classify(e) != StateProblem.IO || code == 10; // IOERR
  }

  private void failed(SQLException e) {
    StateProblem problem = StateException.classify(e);
    String message = switch (problem) {
      case FULL -> "state file " + db.path() + ": the disk is full (" + StateException.describe(e)
          + "): probing goes on; state is kept in memory and written when there is room";
      case READ_ONLY -> "state file " + db.path() + " cannot be written ("
          + StateException.describe(e) + "): probing goes on; state is kept in memory and retried";
      default -> "state file " + db.path() + ": write failed (" + StateException.describe(e)
          + "): probing goes on; retrying";
    };
    listener.writeFailed(problem);
    if (db.health().failing(new StateHealth.Trouble(problem, message))) {
      log.error(message);
    }
  }

  private void putBack(List<Write> batch, Map<Object, Write> replaced) {
    synchronized (lock) {
      for (int i = batch.size() - 1; i >= 0; i--) {
        queue.addFirst(batch.get(i));
      }
      replaced.forEach(latest::putIfAbsent); // a newer write of the key wins over the old one
      trim();
    }
  }

  private void trim() {
    int dropped = 0;
    while (queue.size() > MAX_QUEUED) {
      queue.removeFirst();
      dropped++;
    }
    if (dropped > 0) {
      listener.writesDropped(dropped);
    }
  }

  private static Duration min(Duration d) {
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the transaction is gone either way
    }
  }

  private static void autoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the next batch sets it again
    }
  }
}
