package io.cartprobe.alert.webhook;

import io.cartprobe.Version;
import io.cartprobe.Words;
import io.cartprobe.alert.Durations;
import io.cartprobe.config.Webhook;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one webhook URL. Order is kept where it matters, per alert instance: only
 * the oldest delivery of an instance is attempted, so a receiver never sees its "resolved"
 * before its "firing". Instances do not wait for each other: while one backs off (or hangs
 * until its timeout), the others are sent, up to {@link #MAX_IN_FLIGHT} at once per URL. A
 * down receiver holds up only its own queue.
 *
 * <p>{@link #add} is O(1) under a short lock and never waits for the network: sending happens on
 * the scheduler's threads. A delivery leaves the queue only once it is answered 2xx or given up
 * on, so a crash mid-attempt resends it (at least once; {@code webhook-id} lets a receiver
 * de-duplicate). The queue is one list in arrival order, which is what the state file keeps.
 */
public final class DeliveryQueue {

  /** Attempts under way at once to one URL: parallel enough, without flooding a receiver. */
  static final int MAX_IN_FLIGHT = 4;

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  private static final String USER_AGENT = "cartprobe/" + Version.current();

  /** Hooks back into the dispatcher: persist after every change, record dead letters. */
  interface Callbacks {
    void changed();

    void dead(DeadLetter letter);
  }

  private sealed interface Outcome {
    record Delivered() implements Outcome {}

    record Retry(String why, Optional<Duration> retryAfter, Duration atLeast) implements Outcome {}

    record Drop(String why) implements Outcome {}
  }

  /** An instance's next attempt: scheduled after {@code delay}, holding a slot when due now. */
  private record Start(String instance, Duration delay, boolean holdsSlot) {}

  private final Webhook webhook;
  private final String url;
  private final Optional<StandardWebhookSigner> signer;
  private final PayloadFormat format;
  private final Transport transport;
  private final Clock clock;
  private final Backoff backoff;
  private final DeliveryPolicy policy;
  private final DeliveryScheduler scheduler;
  private final DeliveryListener listener;
  private final Callbacks callbacks;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<PendingDelivery> pending = new ArrayList<>();
  /** Instances with an attempt scheduled or under way: at most one each keeps their order. */
  private final Set<String> busy = new HashSet<>();
  /** Slots taken: attempts under way or about to start. */
  private int inFlight;

  DeliveryQueue(Webhook webhook, String url, Transport transport, Clock clock, Backoff backoff,
      DeliveryPolicy policy, DeliveryScheduler scheduler, DeliveryListener listener,
      Callbacks callbacks) {
    this.webhook = webhook;
    this.url = url;
    this.signer = webhook.hmacSecret().map(StandardWebhookSigner::new);
    this.format = PayloadFormat.of(webhook.format());
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
      pending.add(delivery);
    } finally {
      lock.unlock();
    }
  }

  /** Schedules the next attempt of every instance that has none scheduled. */
  void kick() {
    List<Start> starts = new ArrayList<>();
    lock.lock();
    try {
      Instant now = clock.instant();
      Set<String> seen = new HashSet<>();
      for (PendingDelivery d : pending) {
        if (!seen.add(d.dedupKey()) || busy.contains(d.dedupKey())) {
          continue;  // not the oldest of its instance, or that one is already on its way
        }
        Duration wait = d.notBefore().isAfter(now) ? Duration.between(now, d.notBefore()) : Duration.ZERO;
        boolean due = wait.isZero();
        if (due && inFlight >= MAX_IN_FLIGHT) {
          continue;  // the next attempt to finish kicks again
        }
        busy.add(d.dedupKey());
        if (due) {
          inFlight++;
        }
        starts.add(new Start(d.dedupKey(), wait, due));
      }
    } finally {
      lock.unlock();
    }
    starts.forEach(s -> scheduler.schedule(() -> send(s), s.delay()));
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

  private void send(Start start) {
    PendingDelivery head;
    lock.lock();
    try {
      head = pending.stream().filter(d -> d.dedupKey().equals(start.instance())).findFirst()
          .orElse(null);
      boolean ready = head != null && !head.notBefore().isAfter(clock.instant())
          && (start.holdsSlot() || inFlight < MAX_IN_FLIGHT);
      if (!ready) {
        release(start);
        head = null;
      } else if (!start.holdsSlot()) {
        inFlight++;
      }
    } finally {
      lock.unlock();
    }
    if (head == null) {
      kick();
      return;
    }
    try {
      settle(head, attempt(head));
    } finally {
      lock.lock();
      try {
        inFlight--;
        busy.remove(start.instance());
      } finally {
        lock.unlock();
      }
    }
    callbacks.changed();
    kick();
  }

  /** Gives back what {@code start} held, when it did not attempt after all. */
  private void release(Start start) {
    busy.remove(start.instance());
    if (start.holdsSlot()) {
      inFlight--;
    }
  }

  private Outcome attempt(PendingDelivery d) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", USER_AGENT);
    headers.putAll(webhook.headers());
    long timestamp = clock.instant().getEpochSecond();
    String body = format.seal(d.body(), webhook);
    signer.ifPresent(s -> {
      headers.put("webhook-id", d.id());
      headers.put("webhook-timestamp", Long.toString(timestamp));
      headers.put("webhook-signature", s.sign(d.id(), timestamp, body));
    });
    try {
      Transport.Reply reply = transport.post(d.url(), headers, body, webhook.timeout());
      int status = reply.status();
      if (status >= 200 && status < 300) {
        return new Outcome.Delivered();
      }
      // 408 and 429 say "later"; 5xx may be transient. Any other 4xx will not change on retry.
      if (status == 408 || status == 429 || status >= 500) {
        return new Outcome.Retry("HTTP " + status,
            reply.retryAfter().flatMap(v -> RetryAfter.parse(v, clock.instant())),
            format.minimumRetryWait(status));
      }
      return new Outcome.Drop("HTTP " + status);
    } catch (IOException e) {
      return new Outcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty(),
          Duration.ZERO);
    }
  }

  private void settle(PendingDelivery head, Outcome outcome) {
    Instant now = clock.instant();
    DeadLetter dead = null;
    lock.lock();
    try {
      int at = pending.indexOf(head);
      pending.remove(at);
      switch (outcome) {
        case Outcome.Delivered d -> listener.delivered(webhook.name());
        case Outcome.Drop(String why) -> dead = deadLetter(head.attempted(), why, now);
        case Outcome.Retry(String why, Optional<Duration> retryAfter, Duration atLeast) -> {
          PendingDelivery tried = head.attempted();
          // Retry-After is the receiver telling us exactly when; otherwise jittered backoff.
          Duration jittered = backoff.delay(tried.attempts());
          Duration wait = retryAfter.orElse(jittered.compareTo(atLeast) < 0 ? atLeast.plus(jittered) : jittered);
          Instant next = now.plus(wait);
          if (tried.attempts() >= policy.maxAttempts()) {
            dead = deadLetter(tried, why + "; gave up after " + Words.count(tried.attempts(), "attempt"), now);
          } else if (next.isAfter(head.createdAt().plus(policy.maxAge()))) {
            dead = deadLetter(tried, why + "; expired after " + Words.count(tried.attempts(), "attempt"), now);
          } else {
            pending.add(at, head.retryAt(next));
            listener.retried(webhook.name());
            LOG.warn("webhook {} to {}: {}; attempt {} in {}", webhook.name(), SafeUrl.of(url), why,
                tried.attempts() + 1, Durations.brief(wait));
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
