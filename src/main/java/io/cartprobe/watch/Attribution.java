package io.cartprobe.watch;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeType;
import io.cartprobe.config.ProviderStatusProbe;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.ResultSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
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
  /** How much older than its interval a provider's reading may be and still be quoted. */
  static final Duration FRESH_SLACK = Duration.ofMinutes(1);

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
  /** Each provider-status pair's latest reading of its page, with when it was read. */
  private final Map<Key, ProviderReading> providers = new HashMap<>();

  private record ProviderReading(Instant at, ProviderStatus status) {}

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
      case PROVIDER_STATUS -> {
        if (result.providerStatus().isEmpty()) {
          // The page could not be read: what it said before is no longer known to hold.
          providers.remove(key);
        } else {
          providers.put(key, new ProviderReading(result.startedAt(),
              result.providerStatus().getFirst()));
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
    ProbeResult diagnosed = switch (verdict) {
      case AttributionRules.Verdict.Cause c -> checkout.withProbableCause(c.cause());
      case AttributionRules.Verdict.NoEvidence n -> checkout.withNote(n.note());
    };
    List<ProviderStatus> troubled = providerFindings(checkout);
    return troubled.isEmpty() ? diagnosed : diagnosed.withProviderStatus(troubled);
  }

  /**
   * What the failing step's providers say, only while they report trouble: an open incident or a
   * watched component down, read no longer ago than the provider probe's interval and timeout
   * plus a minute before the checkout started (an older reading is not known to still hold).
   */
  private List<ProviderStatus> providerFindings(ProbeResult checkout) {
    List<ProviderStatus> out = new ArrayList<>();
    for (ProviderStatusProbe probe : EvidenceLinks.providers(config.get(), checkout.probe(),
        checkout.environment(), checkout.failure().orElseThrow().step())) {
      ProviderReading reading = providers.get(new Key(probe.name(), checkout.environment()));
      Instant oldest = checkout.startedAt().minus(probe.interval()).minus(probe.timeout())
          .minus(FRESH_SLACK);
      if (reading != null && reading.status().troubled() && !reading.at().isBefore(oldest)) {
        out.add(reading.status());
      }
    }
    return out;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
