package io.cartprobe.alert;

import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.DeliveryListener;
import io.cartprobe.alert.webhook.DeliveryPolicy;
import io.cartprobe.alert.webhook.DeliveryScheduler;
import io.cartprobe.alert.webhook.OkHttpTransport;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.alert.webhook.Transport;
import io.cartprobe.alert.webhook.VirtualThreadScheduler;
import io.cartprobe.alert.webhook.WebhookDispatcher;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting as the agent sees it: the {@link AlertEngine} wired to webhook delivery and to a
 * state sink. The agent calls {@link #onResult} after every run, {@link #onConfigChange} for
 * every gateway-config change, {@link #tick} every few seconds, reads {@link #statuses} and
 * {@link #deadLetters} for /api/status and metrics, and {@link #restore}s at start.
 *
 * <p>Order of work for each call: the engine decides, the notifications are rendered and queued,
 * the state (instances + queue) is handed to the sink, and only then does delivery start. The
 * sink commits within 250 ms without holding anyone up, so a crash either loses nothing, sends a
 * notification a second time with the same {@code webhook-id}, or (within those 250 ms) forgets
 * a firing that then fires again after the restart.
 */
public final class Alerting implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

  private final AlertEngine engine;
  private final WebhookDispatcher dispatcher;
  private final AlertStateSink sink;
  private final Clock clock;
  private final AutoCloseable ownedScheduler;
  /** Serialises decide → queue → save, so a saved state never has one without the other. */
  private final ReentrantLock lock = new ReentrantLock();

  private Alerting(Builder b) {
    this.clock = b.clock;
    this.sink = b.sink;
    DeliveryScheduler scheduler = b.scheduler;
    if (scheduler == null) {
      VirtualThreadScheduler owned = new VirtualThreadScheduler();
      scheduler = owned;
      this.ownedScheduler = owned;
    } else {
      this.ownedScheduler = null;
    }
    this.engine = new AlertEngine(b.config.alerts(), b.config.probes(), b.config.silences(),
        b.config.agent().labels(), b.clock, b.ids);
    this.dispatcher = new WebhookDispatcher(b.config.webhooks(), new WebhookDispatcher.Settings(
        b.externalUrl, b.transport, b.clock, b.random, b.policy, scheduler, b.listener, b.ids));
    this.dispatcher.onChange(this::saveQuietly);
  }

  public static Builder builder(CartprobeConfig config) {
    return new Builder(config);
  }

  /** How far back the rules look: what history must hand back after a restart. */
  public static Duration longestLookback(CartprobeConfig config) {
    return config.alerts().stream().map(r -> ConditionEvaluator.lookback(r.when()))
        .max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** The most runs in a row a rule counts (a consecutive_failures streak and the run before). */
  public static int longestStreak(CartprobeConfig config) {
    return config.alerts().stream().mapToInt(r -> switch (r.when()) {
      case io.cartprobe.config.AlertCondition.ConsecutiveFailures c -> c.count() + 1;
      default -> 1;
    }).max().orElse(1);
  }

  public List<AlertEvent> onResult(ProbeResult result) {
    return decide(() -> engine.onResult(result));
  }

  public List<AlertEvent> onConfigChange(String probe, String env, Instant at, List<FieldChange> changes) {
    return decide(() -> engine.onConfigChange(probe, env, at, changes));
  }

  /** Repeats, silences ending, config_changed_within windows passing, Alertmanager re-sends. */
  public List<AlertEvent> tick() {
    Instant now = clock.instant();
    lock.lock();
    List<AlertEvent> events;
    try {
      long before = engine.transitions();
      events = engine.tick(now);
      dispatcher.add(events);
      boolean resent = dispatcher.tick(now);
      if (engine.transitions() != before || resent) {
        saveQuietly();
      }
    } finally {
      lock.unlock();
    }
    dispatcher.kick();
    return events;
  }

  private List<AlertEvent> decide(Supplier<List<AlertEvent>> decision) {
    List<AlertEvent> events;
    lock.lock();
    try {
      long before = engine.transitions();
      events = decision.get();
      dispatcher.add(events);
      if (engine.transitions() != before) {
        saveQuietly();
      }
    } finally {
      lock.unlock();
    }
    if (!events.isEmpty()) {
      dispatcher.kick();
    }
    return events;
  }

  public List<AlertStatus> statuses() {
    return engine.statuses();
  }

  public List<DeadLetter> deadLetters() {
    return dispatcher.deadLetters();
  }

  public List<PendingDelivery> pending() {
    return dispatcher.pending();
  }

  public AlertEngine engine() {
    return engine;
  }

  public AlertState snapshot() {
    lock.lock();
    try {
      return new AlertState(clock.instant(), engine.snapshot(), dispatcher.pending(),
          dispatcher.deadLetters());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts back a saved state and resumes delivery of what was pending. Call once, before the
   * first {@link #onResult}.
   */
  public void restore(AlertState state) {
    lock.lock();
    try {
      engine.restore(state.instances());
      dispatcher.restore(state.pending(), state.deadLetters());
      for (InstanceSnapshot s : state.instances()) {
        if (s.state() == InstanceState.FIRING && s.notified()) {
          s.lastEvent().ifPresent(dispatcher::track);
        }
      }
    } finally {
      lock.unlock();
    }
    dispatcher.kick();
  }

  private void saveQuietly() {
    lock.lock();
    try {
      sink.save(new AlertState(clock.instant(), engine.snapshot(), dispatcher.pending(),
          dispatcher.deadLetters()));
    } catch (RuntimeException e) {
      // Alerting goes on without the file; the next change tries again.
      LOG.error("cannot save alert state: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  /** Stops delivery threads it started; queued notifications stay in the last saved state. */
  @Override
  public void close() throws Exception {
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
  }

  public static final class Builder {
    private final CartprobeConfig config;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = RandomGenerator.getDefault();
    private DeliveryScheduler scheduler;
    private Transport transport;
    private DeliveryListener listener = DeliveryListener.NONE;
    private DeliveryPolicy policy = DeliveryPolicy.defaults();
    private String externalUrl = "";
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private AlertStateSink sink = AlertStateSink.NONE;

    private Builder(CartprobeConfig config) {
      this.config = Objects.requireNonNull(config);
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /** Default: a {@link VirtualThreadScheduler} owned (and closed) by this instance. */
    public Builder scheduler(DeliveryScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Default: {@link OkHttpTransport}. */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    public Builder listener(DeliveryListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder policy(DeliveryPolicy policy) {
      this.policy = policy;
      return this;
    }

    /** The agent's own URL (status page), for generatorURL and Alertmanager's externalURL. */
    public Builder externalUrl(String externalUrl) {
      this.externalUrl = externalUrl;
      return this;
    }

    public Builder ids(Supplier<String> ids) {
      this.ids = ids;
      return this;
    }

    public Builder stateSink(AlertStateSink sink) {
      this.sink = sink;
      return this;
    }

    public Alerting build() {
      if (transport == null) {
        transport = new OkHttpTransport();
      }
      return new Alerting(this);
    }
  }
}
