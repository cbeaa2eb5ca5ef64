package io.cartprobe.watch;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Remembers what the gateway's side said (each evidence probe's changes and failure streak) and
 * when each checkout last passed, and diagnoses a failed checkout by the rules of
 * docs/attribution.md ({@link AttributionRules}). Without evidence that fits the failing step and
 * the timing it claims nothing: a wrong culprit costs the hour this exists to save. Thread-safe; a
 * result consumer that never runs probes.
 */
public final class Attribution implements ResultSink, ConfigChangeSink {

  /** Changes kept per evidence probe; more than this within a lookback is a flapping provider. */
  static final int CHANGES_KEPT = 32;

  /** A checkout pair is per variant: amex failing while visa passes is amex's streak alone. */
  private record Key(String probe, String env, String variant) {
    Key(String probe, String env) {
      this(probe, env, "");
    }
  }

  /** One checkout pair: when it last passed, and when its current failing streak began. */
  static final class CheckoutMemory {
    Instant lastGood;
    Instant failingSince;
  }

  /** One evidence probe pair: its recent changes and, while it fails, its failure. */
  static final class EvidenceMemory {
    final Deque<ConfigChange> changes = new ArrayDeque<>();
    Instant failingSince;
    String failure;
  }

  private final Supplier<CartprobeConfig> config;
  private final Map<Key, CheckoutMemory> checkouts = new HashMap<>();
  private final Map<Key, EvidenceMemory> evidence = new HashMap<>();

  public Attribution(Supplier<CartprobeConfig> config) {
    this.config = config;
  }

  @Override
  public synchronized void accept(ProbeResult result) {
    Key key = new Key(result.probe(), result.environment(), result.variant());
    switch (result.probeType()) {
      case CHECKOUT -> {
        CheckoutMemory m = checkouts.computeIfAbsent(key, k -> new CheckoutMemory());
        if (result.failed()) {
          m.failingSince = m.failingSince == null ? result.startedAt() : m.failingSince;
        } else {
          m.lastGood = later(m.lastGood, result.startedAt());
          m.failingSince = null;
        }
      }
      case GATEWAY_CONFIG -> {
        EvidenceMemory m = evidence.computeIfAbsent(key, k -> new EvidenceMemory());
        if (result.failed()) {
          m.failingSince = m.failingSince == null ? result.startedAt() : m.failingSince;
          m.failure = result.failure().map(f -> f.message()).orElse("failed");
        } else {
          m.failingSince = null;
          m.failure = null;
        }
      }
    }
  }

  /** A change from {@link ConfigWatch}: evidence until the checkout passes again after it. */
  @Override
  public synchronized void accept(ConfigChange change) {
    Deque<ConfigChange> kept = evidence.computeIfAbsent(
        new Key(change.probe(), change.environment()), k -> new EvidenceMemory()).changes;
    kept.addLast(change);
    while (kept.size() > CHANGES_KEPT) {
      kept.removeFirst();
    }
  }

  /** After a restart: where a checkout stood, as history kept it. */
  public synchronized void recallCheckout(String probe, String env, Optional<Instant> lastGood,
      Optional<Instant> failingSince) {
    recallCheckout(probe, env, "", lastGood, failingSince);
  }

  public synchronized void recallCheckout(String probe, String env, String variant,
      Optional<Instant> lastGood, Optional<Instant> failingSince) {
    CheckoutMemory m = checkouts.computeIfAbsent(new Key(probe, env, variant),
        k -> new CheckoutMemory());
    m.lastGood = lastGood.orElse(m.lastGood);
    m.failingSince = failingSince.orElse(m.failingSince);
  }

  /** After a restart: an evidence probe's latest result and failing streak, as history kept it. */
  public synchronized void recallEvidence(ProbeResult latest, Optional<Instant> failingSince) {
    accept(latest);
    failingSince.ifPresent(since ->
        evidence.get(new Key(latest.probe(), latest.environment())).failingSince = since);
  }

  /**
   * The failed checkout with its probable cause, or with a note saying plainly that there is no
   * gateway evidence and why. Call before the result reaches this sink (it reads the state the
   * checkout's earlier runs left).
   */
  public synchronized ProbeResult diagnose(ProbeResult checkout) {
    if (!checkout.failed() || checkout.probeType() != ProbeType.CHECKOUT
        || checkout.failure().isEmpty()) {
      return checkout;
    }
    CheckoutMemory memory = checkouts.getOrDefault(
        new Key(checkout.probe(), checkout.environment(), checkout.variant()),
        new CheckoutMemory());
    EvidenceLinks links = EvidenceLinks.of(config.get(), checkout.probe(),
        checkout.environment(), checkout.failure().get().step());
    Map<String, EvidenceMemory> linked = new HashMap<>();
    for (String probe : links.probes()) {
      linked.put(probe, evidence.get(new Key(probe, checkout.environment())));
    }
    AttributionRules.Verdict verdict = new AttributionRules(config.get(), checkout, links,
        Optional.ofNullable(memory.lastGood),
        Optional.ofNullable(memory.failingSince).orElse(checkout.startedAt())).decide(linked);
    return switch (verdict) {
      case AttributionRules.Verdict.Cause c -> checkout.withProbableCause(c.cause());
      case AttributionRules.Verdict.NoEvidence n -> checkout.withNote(n.note());
    };
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
