package io.cartprobe.agent;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertEventSink;
import io.cartprobe.alert.AlertStatus;
import io.cartprobe.alert.Alerting;
import io.cartprobe.metrics.AlertMetrics;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting as a sink of results and changes. A reload builds a new {@link Alerting} from the new
 * rules and swaps it in here, carrying the old one's state over, so the pipeline never changes.
 * What alerting decides goes on to the alert event sinks (history) and the alert state gauges.
 */
final class AlertingStage implements ResultSink, ConfigChangeSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertingStage.class);

  private final AtomicReference<Alerting> alerting;
  // Decisions take the read side; a reload takes the write side while it hands the state over,
  // so no result is decided by an Alerting whose state was already copied, and none twice.
  private final ReentrantReadWriteLock handover = new ReentrantReadWriteLock();
  private final List<AlertEventSink> eventSinks;
  private final AlertMetrics metrics;
  // What the firing gauges last showed: of which Alerting, at which engine version.
  private volatile Alerting publishedOf;
  private volatile long publishedVersion = -1;

  AlertingStage(Alerting first, List<AlertEventSink> eventSinks, AlertMetrics metrics) {
    this.alerting = new AtomicReference<>(first);
    this.eventSinks = List.copyOf(eventSinks);
    this.metrics = metrics;
  }

  Alerting current() {
    return alerting.get();
  }

  @Override
  public void accept(ProbeResult result) {
    List<AlertEvent> events;
    handover.readLock().lock();
    try {
      events = alerting.get().onResult(result);
    } finally {
      handover.readLock().unlock();
    }
    publish(events, false);
  }

  @Override
  public void accept(ConfigChange change) {
    decide(a -> a.onConfigChange(change.probe(), change.environment(), change.at(),
        change.changes()), false);
  }

  /** Repeats, silences ending, config-change windows passing: time alone moves alerts too. */
  void tick() {
    decide(Alerting::tick, true);
  }

  private void decide(java.util.function.Function<Alerting, List<AlertEvent>> decision,
      boolean republish) {
    List<AlertEvent> events;
    handover.readLock().lock();
    try {
      events = decision.apply(alerting.get());
    } finally {
      handover.readLock().unlock();
    }
    publish(events, republish);
  }

  /**
   * Takes the rules of a new config, keeping every instance's state and queued delivery: the old
   * one stops delivering first (attempts on the wire finish), then its state moves over whole.
   */
  void replace(Alerting replacement) {
    handover.writeLock().lock();
    try {
      Alerting previous = alerting.get();
      closeQuietly(previous);
      replacement.restore(previous.snapshot());
      alerting.set(replacement);
    } finally {
      handover.writeLock().unlock();
    }
  }

  private void publish(List<AlertEvent> events, boolean republish) {
    for (AlertEvent e : events) {
      for (AlertEventSink sink : eventSinks) {
        sink.accept(e);
      }
    }
    Alerting current = alerting.get();
    if (!republish && current == publishedOf && current.engine().version() == publishedVersion) {
      return; // no instance changed state since the gauges were set: nothing to set again
    }
    synchronized (this) {
      // The version is read before the statuses, so a change after it fails the check above
      // for its own caller, who publishes again: the last publication is never a stale one.
      long version = current.engine().version();
      List<AlertStatus> changed = current.engine().firingChanges();
      for (AlertStatus status : republish ? current.statuses() : changed) {
        metrics.state(status.alert(), status.probe(), status.env(), status.variant(),
            status.firing());
      }
      publishedVersion = version;
      publishedOf = current;
    }
  }

  @Override
  public void close() {
    closeQuietly(alerting.get());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }
}
