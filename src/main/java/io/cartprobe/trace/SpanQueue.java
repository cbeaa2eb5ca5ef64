package io.cartprobe.trace;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the probe threads and the exporter: a bounded queue that a run's spans join whole or
 * not at all (a half trace misleads more than none), drained by one thread that exports in
 * batches. Offering never blocks; a full queue drops the run's spans and counts them, so a
 * collector that is down costs at most {@code capacity} spans of memory.
 *
 * <p>The SDK's BatchSpanProcessor would be the obvious choice, but it takes live spans, not the
 * finished {@link SpanData} built from a result, and does not tell its caller what it dropped.
 */
final class SpanQueue implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpanQueue.class);

  static final int DEFAULT_CAPACITY = 2048;
  static final int BATCH_SIZE = 512;

  private final SpanExporter exporter;
  private final SpanCounts counts;
  private final int capacity;
  private final Duration exportWait;
  private final ArrayDeque<SpanData> queue = new ArrayDeque<>();
  private final Thread worker;
  private boolean exporting;
  private boolean failing; // only the worker thread reads and writes it
  private boolean closed;

  /** @param exportWait how long one export may take before its spans count as lost */
  SpanQueue(SpanExporter exporter, SpanCounts counts, int capacity, Duration exportWait) {
    this.exporter = exporter;
    this.counts = counts;
    this.capacity = capacity;
    this.exportWait = exportWait;
    this.worker = Thread.ofPlatform().daemon().name("cartprobe-trace-export").start(this::drain);
  }

  /** Queues one run's spans, or drops them all when they do not fit. Never blocks. */
  void offer(List<SpanData> spans) {
    synchronized (this) {
      if (!closed && queue.size() + spans.size() <= capacity) {
        queue.addAll(spans);
        notifyAll();
        return;
      }
    }
    counts.dropped(SpanCounts.Reason.QUEUE_FULL, spans.size());
  }

  /** Waits up to {@code max} until every queued span has been handed to the collector. */
  boolean flush(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (this) {
      while (!queue.isEmpty() || exporting) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  /** Flushes for at most {@code max}, then stops; spans still queued count as dropped. */
  void close(Duration max) {
    try {
      flush(max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left;
    synchronized (this) {
      closed = true;
      left = queue.size();
      queue.clear();
      notifyAll();
    }
    counts.dropped(SpanCounts.Reason.SHUTDOWN, left);
    worker.interrupt(); // an export still waiting gives up and counts its spans as failed
    try {
      worker.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exporter.shutdown().join(1, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void drain() {
    while (true) {
      List<SpanData> batch = new ArrayList<>(BATCH_SIZE);
      synchronized (this) {
        exporting = false;
        notifyAll();
        while (queue.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        while (batch.size() < BATCH_SIZE && !queue.isEmpty()) {
          batch.add(queue.poll());
        }
        exporting = true;
      }
      export(batch);
    }
  }

  private void export(List<SpanData> batch) {
    CompletableResultCode result;
    try {
      result = exporter.export(batch).join(exportWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    if (result.isSuccess()) {
      counts.exported(batch.size());
      if (failing) {
        failing = false;
        log.info("exporting traces to the OTLP collector again");
      }
      return;
    }
    counts.dropped(SpanCounts.Reason.EXPORT_FAILED, batch.size());
    // Once per outage, not once per batch: the dropped-spans counter tells the rest.
    if (!failing) {
      failing = true;
      Throwable why = result.getFailureThrowable();
      String reason = !result.isDone() ? "no answer within " + exportWait.toSeconds() + "s"
          : why != null && why.getMessage() != null ? why.getMessage()
          : "refused; the SDK's own warning says why";
      log.warn("cannot export traces to the OTLP collector ({}); dropping spans until it "
          + "answers, counted in cartprobe_trace_spans_dropped_total", reason);
    }
  }
}
