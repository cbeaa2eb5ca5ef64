package io.cartprobe.alert.webhook;

import io.cartprobe.Version;
import io.cartprobe.config.Webhook;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one webhook URL, strictly in order: only the head is attempted, and while it
 * backs off everything behind it waits, so a receiver never sees "resolved" before "firing". A
 * down receiver holds up only its own queue.
 *
 * <p>{@link #add} is O(1) under a short lock and never waits for the network: sending happens on
 * the scheduler's threads. A delivery leaves the queue only once it is answered 2xx or given up
 * on, so a crash mid-attempt resends it (at least once; {@code webhook-id} lets a receiver
 * de-duplicate).
 */
public final class DeliveryQueue {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  private static final String USER_AGENT = "cartprobe/" + Version.current();

  /** Hooks back into the dispatcher: persist after every change, record dead letters. */
  interface Callbacks {
    void changed();

    void dead(DeadLetter letter);
  }

  private sealed interface Outcome {
    record Delivered() implements Outcome {}

    record Retry(String why, Optional<Duration> retryAfter) implements Outcome {}

    record Drop(String why) implements Outcome {}
  }

  private final Webhook webhook;
  private final String url;
  private final Optional<StandardWebhookSigner> signer;
  private final Transport transport;
  private final Clock clock;
  private final Backoff backoff;
  private final DeliveryPolicy policy;
  private final DeliveryScheduler scheduler;
  private final DeliveryListener listener;
  private final Callbacks callbacks;
  private final ReentrantLock lock = new ReentrantLock();
  private final Deque<PendingDelivery> pending = new ArrayDeque<>();
  /** A drain is running or scheduled; at most one at a time keeps the order. */
  private boolean draining;

  DeliveryQueue(Webhook webhook, String url, Transport transport, Clock clock, Backoff backoff,
      DeliveryPolicy policy, DeliveryScheduler scheduler, DeliveryListener listener,
      Callbacks callbacks) {
    this.webhook = webhook;
    this.url = url;
    this.signer = webhook.hmacSecret().map(StandardWebhookSigner::new);
    this.transport = transport;
    this.clock = clock;
    this.backoff = backoff;
    this.policy = policy;
    this.scheduler = scheduler;
    this.listener = listener;
    this.callbacks = callbacks;
  }

  String url() {
    return url;
  }

  /** Appends without starting a send; call {@link #kick} once the state is persisted. */
  void add(PendingDelivery delivery) {
    lock.lock();
    try {
      pending.addLast(delivery);
    } finally {
      lock.unlock();
    }
  }

  void kick() {
    lock.lock();
    try {
      if (draining || pending.isEmpty()) {
        return;
      }
      draining = true;
    } finally {
      lock.unlock();
    }
    scheduler.schedule(this::drain, Duration.ZERO);
  }

  boolean contains(String dedupKey) {
    lock.lock();
    try {
      return pending.stream().anyMatch(d -> d.dedupKey().equals(dedupKey));
    } finally {
      lock.unlock();
    }
  }

  List<PendingDelivery> snapshot() {
    lock.lock();
    try {
      return List.copyOf(pending);
    } finally {
      lock.unlock();
    }
  }

  private void drain() {
    while (true) {
      PendingDelivery head;
      lock.lock();
      try {
        head = pending.peekFirst();
        if (head == null) {
          draining = false;
          return;
        }
        Instant now = clock.instant();
        if (head.notBefore().isAfter(now)) {
          scheduler.schedule(this::drain, Duration.between(now, head.notBefore()));
          return;
        }
      } finally {
        lock.unlock();
      }
      Outcome outcome = attempt(head);
      settle(head, outcome);
      callbacks.changed();
    }
  }

  private Outcome attempt(PendingDelivery d) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", USER_AGENT);
    headers.putAll(webhook.headers());
    long timestamp = clock.instant().getEpochSecond();
    signer.ifPresent(s -> {
      headers.put("webhook-id", d.id());
      headers.put("webhook-timestamp", Long.toString(timestamp));
      headers.put("webhook-signature", s.sign(d.id(), timestamp, d.body()));
    });
    try {
      Transport.Reply reply = transport.post(d.url(), headers, d.body(), webhook.timeout());
      int status = reply.status();
      if (status >= 200 && status < 300) {
        return new Outcome.Delivered();
      }
      // 408 and 429 say "later"; 5xx may be transient. Any other 4xx will not change on retry.
      if (status == 408 || status == 429 || status >= 500) {
        return new Outcome.Retry("HTTP " + status,
            reply.retryAfter().flatMap(v -> RetryAfter.parse(v, clock.instant())));
      }
      return new Outcome.Drop("HTTP " + status);
    } catch (IOException e) {
      return new Outcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
    }
  }

  private void settle(PendingDelivery head, Outcome outcome) {
    Instant now = clock.instant();
    DeadLetter dead = null;
    lock.lock();
    try {
      pending.removeFirst();
      switch (outcome) {
        case Outcome.Delivered d -> listener.delivered(webhook.name());
        case Outcome.Drop(String why) -> dead = deadLetter(head.attempted(), why, now);
        case Outcome.Retry(String why, Optional<Duration> retryAfter) -> {
          PendingDelivery tried = head.attempted();
          // Retry-After is the receiver telling us exactly when; otherwise jittered backoff.
          Duration wait = retryAfter.orElseGet(() -> backoff.delay(tried.attempts()));
          Instant next = now.plus(wait);
          if (tried.attempts() >= policy.maxAttempts()) {
            dead = deadLetter(tried, why + "; gave up after " + tried.attempts() + " attempts", now);
          } else if (next.isAfter(head.createdAt().plus(policy.maxAge()))) {
            dead = deadLetter(tried, why + "; expired after " + tried.attempts() + " attempts", now);
          } else {
            pending.addFirst(head.retryAt(next));
            listener.retried(webhook.name());
            LOG.warn("webhook {} to {}: {}; retry {} in {}", webhook.name(), SafeUrl.of(url), why,
                tried.attempts(), wait);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (dead != null) {
      LOG.error("webhook {} to {}: dropped {} notification for {}: {}", webhook.name(), SafeUrl.of(url),
          dead.kind(), dead.alert(), dead.why());
      listener.dropped(webhook.name(), dead.why());
      callbacks.dead(dead);
    }
  }

  private DeadLetter deadLetter(PendingDelivery d, String why, Instant now) {
    return new DeadLetter(d.id(), d.webhook(), d.url(), d.dedupKey(), d.kind(), why, d.attempts(),
        d.createdAt(), now);
  }

  /** Consumer form of {@link Callbacks}, for tests and simple wiring. */
  static Callbacks callbacks(Runnable changed, Consumer<DeadLetter> dead) {
    return new Callbacks() {
      @Override
      public void changed() {
        changed.run();
      }

      @Override
      public void dead(DeadLetter letter) {
        dead.accept(letter);
      }
    };
  }
}
