package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.history.RunHistory;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.TriggerResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a checkout fails, look at the gateway now: run the environment's evidence probes before
 * the alert is evaluated, so the first notification already says whether the gateway changed or
 * failed. Their results take the ordinary pipeline. Bounded, because a provider rate-limits its
 * API: an evidence probe is run at most once per {@code minInterval} per environment; in between,
 * its latest result is what there is.
 */
final class GatewayEvidence {

  private static final Logger log = LoggerFactory.getLogger(GatewayEvidence.class);

  /** What became of one evidence probe for one failed checkout. */
  enum Outcome {
    RAN, FRESH, REUSED, SKIPPED;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Runs the evidence probe now, as the scheduler's {@code trigger} does. */
  @FunctionalInterface
  interface Trigger {
    TriggerResult trigger(PairKey pair);
  }

  @FunctionalInterface
  interface Listener {
    void evidence(String probe, String environment, Outcome outcome);
  }

  private final Supplier<CartprobeConfig> config;
  private final Trigger trigger;
  private final RunHistory history;
  private final Clock clock;
  private final Duration minInterval;
  private final Listener listener;
  private final Map<PairKey, Instant> lastTriggered = new ConcurrentHashMap<>();

  GatewayEvidence(Supplier<CartprobeConfig> config, Trigger trigger, RunHistory history,
      Clock clock, Duration minInterval, Listener listener) {
    this.config = config;
    this.trigger = trigger;
    this.history = history;
    this.clock = clock;
    this.minInterval = minInterval;
    this.listener = listener;
  }

  /** Blocks (on the failed run's own thread) until each evidence probe ran or its timeout passed. */
  void gatherFor(String environment, Instant checkoutStarted) {
    for (ProbeConfig probe : config.get().probes()) {
      if (probe.type().isEvidence() && probe.environments().contains(environment)) {
        listener.evidence(probe.name(), environment, gather(probe, environment, checkoutStarted));
      }
    }
  }

  private Outcome gather(ProbeConfig probe, String environment, Instant checkoutStarted) {
    PairKey key = new PairKey(probe.name(), environment);
    boolean fresh = history.latest(probe.name(), environment)
        .map(r -> r.startedAt().isAfter(checkoutStarted)).orElse(false);
    if (fresh) {
      return Outcome.FRESH;
    }
    Instant now = clock.instant();
    Instant last = lastTriggered.get(key);
    if (last != null && Duration.between(last, now).compareTo(minInterval) < 0) {
      return Outcome.REUSED;
    }
    lastTriggered.put(key, now);
    if (!(trigger.trigger(key) instanceof TriggerResult.Started started)) {
      return Outcome.SKIPPED;
    }
    try {
      started.outcome().get(probe.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("gateway evidence {} not in time: {}", key, e.toString());
    }
    return Outcome.RAN;
  }
}
