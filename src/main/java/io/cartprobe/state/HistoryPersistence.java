package io.cartprobe.state;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertEventSink;
import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import java.time.Clock;

/**
 * History's durable copy, as a sink placed after {@link RunHistory}: each run, change and
 * transition becomes one row, and the pair's streak and latest result one upsert per batch.
 * Costs the run a queue insertion; the writer thread does the rest.
 */
public final class HistoryPersistence implements ResultSink, ConfigChangeSink, AlertEventSink {

  private record PairStateKey(HistoryKey key) {}

  private final StateWriter writer;
  private final RunHistory history;
  private final Clock clock;

  public HistoryPersistence(StateWriter writer, RunHistory history, Clock clock) {
    this.writer = writer;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public void accept(ProbeResult result) {
    // A matrix probe's variants are pairs of their own: rows keyed without the variant mixed
    // them all under "" and gave every variant the others' history after a restart.
    HistoryKey key = new HistoryKey(result.probe(), result.environment(), result.variant());
    writer.submit(HistoryRows.run(key, RunRecord.of(result)));
    writer.replace(new PairStateKey(key), HistoryRows.pairState(key, history.state(key),
        clock.instant()));
  }

  @Override
  public void accept(ConfigChange change) {
    writer.submit(HistoryRows.change(change));
  }

  @Override
  public void accept(AlertEvent event) {
    switch (event.kind()) {
      case FIRING -> writer.submit(HistoryRows.transition(new AlertTransition(event.alert(),
          event.probe(), event.env(), AlertTransition.State.FIRING, event.at())));
      case RESOLVED -> writer.submit(HistoryRows.transition(new AlertTransition(event.alert(),
          event.probe(), event.env(), AlertTransition.State.RESOLVED, event.at())));
      case REPEAT -> { }
    }
  }
}
