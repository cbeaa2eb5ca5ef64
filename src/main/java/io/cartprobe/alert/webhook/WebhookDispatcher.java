package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertKey;
import io.cartprobe.alert.EventKind;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes notifications to their webhooks: renders each for its format, queues it for each URL
 * (one {@link DeliveryQueue} per URL), keeps alertmanager-api's re-send rhythm, and keeps the
 * dead letters. Adding never sends: the caller hands the state to its sink first, then
 * {@link #kick}s, so the state writer has the notification before a receiver can get it.
 */
public final class WebhookDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Prometheus re-sends firing alerts to Alertmanager at least this often. */
  static final Duration API_RESEND = Duration.ofMinutes(1);
  /** ... and resolved ones for this long, so every replica hears the end. */
  static final Duration API_RESOLVED_FOR = Duration.ofMinutes(15);
  static final int MAX_DEAD_LETTERS = 100;

  /** What delivery needs besides the webhooks: all injected, so tests own time and chance. */
  public record Settings(
      String externalUrl,
      Transport transport,
      Clock clock,
      RandomGenerator random,
      DeliveryPolicy policy,
      DeliveryScheduler scheduler,
      DeliveryListener listener,
      Supplier<String> ids) {}

  private record Push(AlertEvent event, Instant lastSent) {}

  private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
  private final Map<String, List<DeliveryQueue>> queues = new LinkedHashMap<>();
  private final Map<String, Map<AlertKey, Push>> pushes = new HashMap<>();
  private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Settings settings;
  private volatile Runnable changed = () -> {};

  public WebhookDispatcher(List<Webhook> webhooks, Settings settings) {
    this.settings = settings;
    Backoff backoff = new Backoff(settings.policy().baseDelay(), settings.policy().maxDelay(),
        settings.random());
    DeliveryQueue.Callbacks callbacks = DeliveryQueue.callbacks(() -> changed.run(), this::dead);
    for (Webhook webhook : webhooks) {
      this.webhooks.put(webhook.name(), webhook);
      PayloadFormat format = PayloadFormat.of(webhook.format());
      List<DeliveryQueue> perUrl = new ArrayList<>();
      for (String url : webhook.urls()) {
        perUrl.add(new DeliveryQueue(webhook, format.target(url), settings.transport(),
            settings.clock(), backoff, settings.policy(), settings.scheduler(),
            settings.listener(), callbacks));
      }
      queues.put(webhook.name(), perUrl);
    }
  }

  /** Called after every delivery outcome (from delivery threads): persist the state. */
  public void onChange(Runnable changed) {
    this.changed = changed;
  }

  /** Renders and queues; does not start sending (see {@link #kick}). */
  public void add(List<AlertEvent> events) {
    Instant now = settings.clock().instant();
    lock.lock();
    try {
      for (AlertEvent event : events) {
        for (String name : event.webhooks()) {
          Webhook webhook = webhooks.get(name);
          if (webhook == null) {
            LOG.warn("alert {} notifies unknown webhook {}", event.alert(), name);
            continue;
          }
          if (event.resolved() && !webhook.sendResolved()) {
            continue;
          }
          queue(webhook, event, now);
          if (webhook.format() == WebhookFormat.ALERTMANAGER_API) {
            pushes.computeIfAbsent(name, n -> new HashMap<>())
                .put(event.key(), new Push(event, now));
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps pushed alerts alive in Alertmanager: a firing one is re-sent every minute (its endsAt
   * moves forward), a resolved one every minute for 15 minutes. Returns whether anything was
   * queued (then persist and {@link #kick}).
   */
  public boolean tick(Instant now) {
    boolean queued = false;
    lock.lock();
    try {
      for (var byWebhook : pushes.entrySet()) {
        Webhook webhook = webhooks.get(byWebhook.getKey());
        var iterator = byWebhook.getValue().entrySet().iterator();
        while (iterator.hasNext()) {
          var entry = iterator.next();
          Push push = entry.getValue();
          AlertEvent event = push.event();
          if (event.resolved()
              && !now.isBefore(event.endsAt().orElseThrow().plus(API_RESOLVED_FOR))) {
            iterator.remove();
            continue;
          }
          if (now.isBefore(push.lastSent().plus(API_RESEND))
              || queues.get(webhook.name()).stream().anyMatch(q -> q.contains(entry.getKey().toString()))) {
            continue;  // recently sent, or still queued: one in flight per alert is enough
          }
          AlertEvent again = event.resent(settings.ids().get(),
              event.resolved() ? EventKind.RESOLVED : EventKind.REPEAT, now);
          queue(webhook, again, now);
          entry.setValue(new Push(event, now));
          queued = true;
        }
      }
    } finally {
      lock.unlock();
    }
    return queued;
  }

  /** After a restart: a firing alert pushed to Alertmanager keeps being re-sent. */
  public void track(AlertEvent firing) {
    lock.lock();
    try {
      for (String name : firing.webhooks()) {
        Webhook webhook = webhooks.get(name);
        if (webhook != null && webhook.format() == WebhookFormat.ALERTMANAGER_API) {
          pushes.computeIfAbsent(name, n -> new HashMap<>())
              .put(firing.key(), new Push(firing, Instant.EPOCH));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void queue(Webhook webhook, AlertEvent event, Instant now) {
    PayloadFormat format = PayloadFormat.of(webhook.format());
    String body = format.render(event,
        new RenderContext(webhook.name(), settings.externalUrl(), now));
    for (DeliveryQueue queue : queues.get(webhook.name())) {
      queue.add(new PendingDelivery("msg_" + settings.ids().get().replace("-", ""),
          webhook.name(), queue.url(), event.key().toString(), event.kind().wireName(), body, now,
          0, now));
    }
  }

  /** Starts (or resumes) sending on every queue with work. */
  public void kick() {
    queues.values().forEach(list -> list.forEach(DeliveryQueue::kick));
  }

  /** Everything not yet delivered, queue by queue in order. */
  public List<PendingDelivery> pending() {
    List<PendingDelivery> all = new ArrayList<>();
    queues.values().forEach(list -> list.forEach(q -> all.addAll(q.snapshot())));
    return all;
  }

  public List<DeadLetter> deadLetters() {
    lock.lock();
    try {
      return List.copyOf(deadLetters);
    } finally {
      lock.unlock();
    }
  }

  /** Puts back what a state file held; call {@link #kick} afterwards. */
  public void restore(List<PendingDelivery> pending, List<DeadLetter> dead) {
    lock.lock();
    try {
      dead.forEach(this::keep);
    } finally {
      lock.unlock();
    }
    for (PendingDelivery d : pending) {
      List<DeliveryQueue> targets = queues.getOrDefault(d.webhook(), List.of());
      Optional<DeliveryQueue> same = targets.stream().filter(q -> q.url().equals(d.url())).findFirst();
      if (same.isPresent()) {
        same.get().add(d);
      } else if (!targets.isEmpty()) {
        // Deliveries belong to the webhook by name: a rotated URL (a leaked token replaced)
        // takes its queued notifications along.
        LOG.info("queued {} notification for {} goes to webhook {}'s new URL", d.kind(),
            d.dedupKey(), d.webhook());
        targets.forEach(q -> q.add(d.toUrl(q.url())));
      } else {
        LOG.warn("webhook {} is no longer configured: its queued {} notification for {} is kept "
            + "as undelivered", d.webhook(), d.kind(), d.dedupKey());
        dead(new DeadLetter(d.id(), d.webhook(), d.url(), d.dedupKey(), d.kind(),
            "webhook " + d.webhook() + " is no longer configured", d.attempts(), d.createdAt(),
            settings.clock().instant()));
      }
    }
  }

  private void dead(DeadLetter letter) {
    lock.lock();
    try {
      keep(letter);
    } finally {
      lock.unlock();
    }
  }

  private void keep(DeadLetter letter) {
    deadLetters.addLast(letter);
    while (deadLetters.size() > MAX_DEAD_LETTERS) {
      deadLetters.removeFirst();
    }
  }
}
