package io.cartprobe.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the endpoints that cost CPU to answer ({@code /metrics}, the status page, the JSON APIs)
 * are rendered: a few platform threads with a short queue. Requests are handled on virtual
 * threads, which share their carriers with the probe runs; rendering there under a flood of
 * clients would take the carriers from the probes and make healthy targets look slow. Past the
 * queue, a request is shed with {@code 503} at once instead of piling up; {@code /healthz} and
 * {@code /readyz} never come here.
 */
final class Renders implements AutoCloseable {

  /** A rendered answer, sent by the request's own thread. */
  record Answer(int status, String contentType, String body) {}

  /** What a scrape every 15 s, a dashboard and a few people need, with room to spare. */
  static final int QUEUE = 32;

  private final ThreadPoolExecutor threads;

  Renders(int count) {
    this.threads = new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        Thread.ofPlatform().daemon().name("cartprobe-render-", 0).factory(),
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Half the cores, at least one: the other half stays with the probes. */
  static Renders forThisMachine() {
    return new Renders(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  /** The answer, or empty when the queue is full (or the server is closing). */
  <T> Optional<T> render(Callable<T> work) throws IOException {
    Future<T> answer;
    try {
      answer = threads.submit(work);
    } catch (RejectedExecutionException busy) {
      return Optional.empty();
    }
    try {
      return Optional.of(answer.get());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case UncheckedIOException io -> throw io.getCause();
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Requests waiting for a render thread. */
  int waiting() {
    return threads.getQueue().size();
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
