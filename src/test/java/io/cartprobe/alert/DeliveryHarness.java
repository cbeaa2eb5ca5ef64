package io.cartprobe.alert;

import io.cartprobe.alert.webhook.DeliveryListener;
import io.cartprobe.alert.webhook.DeliveryPolicy;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.Silence;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alerting wired to real HTTP (OkHttp to receivers on 127.0.0.1) but with a fake clock and a
 * manual scheduler: deliveries happen when the test runs them, at instants it controls.
 */
final class DeliveryHarness {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  final TestClock clock;
  final ManualScheduler scheduler;
  final Counts counts = new Counts();
  final List<AlertState> saved = new CopyOnWriteArrayList<>();
  final AtomicInteger ids = new AtomicInteger();
  final Alerting alerting;

  static final class Counts implements DeliveryListener {
    final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
    final List<String> dropped = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(String webhook) {
      delivered.computeIfAbsent(webhook, w -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void retried(String webhook) {
      retried.computeIfAbsent(webhook, w -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void dropped(String webhook, String why) {
      dropped.add(webhook + ": " + why);
    }

    int deliveredCount(String webhook) {
      return delivered.getOrDefault(webhook, new AtomicInteger()).get();
    }

    int retriedCount(String webhook) {
      return retried.getOrDefault(webhook, new AtomicInteger()).get();
    }
  }

  DeliveryHarness(List<AlertRule> rules, List<Webhook> webhooks) {
    this(rules, webhooks, List.of(), DeliveryPolicy.defaults(), null, AlertStateSink.NONE,
        EngineHarness.T0);
  }

  DeliveryHarness(List<AlertRule> rules, List<Webhook> webhooks, DeliveryPolicy policy) {
    this(rules, webhooks, List.of(), policy, null, AlertStateSink.NONE, EngineHarness.T0);
  }

  DeliveryHarness(List<AlertRule> rules, List<Webhook> webhooks, List<Silence> silences,
      DeliveryPolicy policy, AlertState restoreFrom, AlertStateSink store, Instant start) {
    clock = new TestClock(start);
    scheduler = new ManualScheduler(clock);
    alerting = Alerting.builder(Rules.config(rules, silences, webhooks))
        .clock(clock)
        .scheduler(scheduler)
        .random(new SplittableRandom(42))
        .listener(counts)
        .policy(policy)
        .externalUrl("http://cartprobe.example:9781/")
        .ids(() -> "0000000" + ids.incrementAndGet())
        .stateSink(state -> {
          saved.add(state);
          store.save(state);
        })
        .build();
    if (restoreFrom != null) {
      alerting.restore(restoreFrom);
    }
  }

  static Webhook webhook(String name, WebhookFormat format, String url) {
    return new Webhook(name, List.of(url), format, Optional.of(SECRET), true,
        Duration.ofSeconds(30), Map.of("X-Team", "payments"));
  }

  List<AlertEvent> feed(ProbeResult result) {
    clock.set(result.startedAt().plus(result.duration()));
    return alerting.onResult(result);
  }

  /** Runs what is due now. */
  void deliver() {
    scheduler.runDue();
  }

  /** Moves the clock to each scheduled retry in turn, delivering, until nothing is left or 'until'. */
  void deliverUntil(Instant until) {
    scheduler.runDue();
    while (true) {
      Optional<Instant> next = scheduler.nextDue();
      if (next.isEmpty() || next.get().isAfter(until)) {
        return;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
      scheduler.runDue();
    }
  }

  AlertState lastSaved() {
    return saved.getLast();
  }
}
