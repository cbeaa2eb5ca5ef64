package io.cartprobe.state;

import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.AlertStateSink;
import io.cartprobe.config.Webhook;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.SavedPair;
import io.cartprobe.watch.WatchState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the agent keeps across restarts, in its {@code state_file}: opened (and imported,
 * moved aside or degraded to read-only as needed) at start, read once, then written by one
 * {@link StateWriter} thread. What each component saves goes through the sink it is given here.
 */
public final class AgentState implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentState.class);

  private final StateDb db;
  private final StateWriter writer;
  private final Clock clock;
  private final Retention retention;
  private final WatchState watch;
  private final AlertState alerts;
  private final AlertRows alertRows;
  private final BaselineRows baselines;

  private AgentState(StateDb db, Clock clock, StateListener listener, WebhookTargets targets,
      Retention retention) {
    this.db = db;
    this.clock = clock;
    this.retention = retention;
    db.jsonToImport().ifPresent(json -> db.writeConnection().ifPresent(c -> {
      try {
        JsonImport.run(c, json, db.path(), targets, clock);
      } catch (SQLException e) {
        log.error("state file {}: importing {} failed ({}); starting without it", db.path(),
            json.getFileName(), StateException.describe(e));
      }
    }));
    WatchState loadedWatch = new WatchState(WatchState.VERSION, List.of());
    AlertState loadedAlerts = AlertState.empty();
    long nextSeq = 1;
    synchronized (db) {
      Connection c = db.readConnection();
      try {
        loadedWatch = BaselineRows.load(c);
        loadedAlerts = AlertTables.load(c, targets);
        nextSeq = AlertTables.nextSeq(c);
      } catch (SQLException e) {
        log.error("state file {}: reading alert state and config baselines failed ({}); "
            + "starting without them", db.path(), StateException.describe(e));
      }
    }
    this.watch = loadedWatch;
    this.alerts = loadedAlerts;
    this.writer = new StateWriter(db, listener);
    this.alertRows = new AlertRows(writer, targets, loadedAlerts, nextSeq);
    this.baselines = new BaselineRows(writer, loadedWatch);
  }

  public static AgentState open(Path file, Clock clock, StateListener listener,
      Supplier<List<Webhook>> webhooks) {
    return new AgentState(StateDb.open(file, clock, listener), clock, listener,
        new WebhookTargets(webhooks), Retention.defaults());
  }

  public WatchState watch() {
    return watch;
  }

  public AlertState alerts() {
    return alerts;
  }

  /**
   * Puts the configured pairs' recent history back: per pair the runs since {@code from}, but
   * at least {@code atLeast} (and at most the ring's capacity), with its streak, latest result,
   * changes and transitions. What start-up reads is bounded by this, not by what is stored.
   */
  public void restoreHistory(RunHistory history, Collection<HistoryKey> keys, Instant from,
      int atLeast) {
    long started = System.nanoTime();
    int pairs = 0;
    long runs = 0;
    synchronized (db) {
      for (HistoryKey key : keys) {
        try {
          SavedPair saved = HistoryLoader.load(db.readConnection(), key, history.capacity(key),
              from, atLeast);
          history.restore(saved);
          pairs++;
          runs += saved.runs().size();
        } catch (SQLException | RuntimeException e) {
          log.warn("state file {}: the history of {} does not read ({}); it starts empty",
              db.path(), key, e.getMessage());
        }
      }
    }
    log.info("state file {}: history of {} pairs ({} runs) read in {} ms", db.path(), pairs, runs,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  public AlertStateSink alertSink() {
    return alertRows;
  }

  public Consumer<WatchState> baselineSink() {
    return baselines;
  }

  public HistoryPersistence historySink(RunHistory history) {
    return new HistoryPersistence(writer, history, clock);
  }

  public EvidenceEpisodes episodes() {
    return new EvidenceEpisodes(db, writer);
  }

  public RunQueries runs() {
    return new RunQueries(db);
  }

  public StateHealth health() {
    return db.health();
  }

  public Path path() {
    return db.path();
  }

  public long sizeBytes() {
    return db.sizeBytes();
  }

  /** Deletes what {@link Retention} no longer keeps (call at start and every 10 minutes). */
  public void applyRetention() {
    writer.submit(retention.write(clock));
  }

  public StateWriter writer() {
    return writer;
  }

  /** Commits what is queued (waiting at most {@code grace}) and closes the file. */
  public void close(Duration grace) {
    writer.close(grace);
    db.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
