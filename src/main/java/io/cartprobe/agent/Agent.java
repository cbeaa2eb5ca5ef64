package io.cartprobe.agent;

import io.cartprobe.Version;
import io.cartprobe.Words;
import io.cartprobe.alert.AlertStateSink;
import io.cartprobe.alert.Alerting;
import io.cartprobe.alert.webhook.DeliveryListener;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Environment;
import io.cartprobe.config.InsecureTls;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.metrics.AgentRegistry;
import io.cartprobe.metrics.AlertMetrics;
import io.cartprobe.metrics.DeliveryResult;
import io.cartprobe.metrics.GatewayConfigMetrics;
import io.cartprobe.metrics.MetricsExposition;
import io.cartprobe.metrics.ProbeMetrics;
import io.cartprobe.metrics.StateMetrics;
import io.cartprobe.metrics.WebhookMetrics;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.RunOutcome;
import io.cartprobe.schedule.ScheduleListener;
import io.cartprobe.schedule.ScheduledPair;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.schedule.SkipReason;
import io.cartprobe.server.AgentServer;
import io.cartprobe.state.AgentState;
import io.cartprobe.state.HistoryPersistence;
import io.cartprobe.state.Retention;
import io.cartprobe.trace.TraceSink;
import io.cartprobe.watch.Attribution;
import io.cartprobe.watch.ConfigWatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cartprobe agent}: assembles config → schedule → probe → {@link ResultPipeline} → sinks
 * (watch, attribution, metrics, history, run log, alerting) and the endpoints that read them,
 * then starts and stops them. Results flow one way; nothing downstream calls back into the
 * probe engine. See docs/architecture.md for the picture.
 */
public final class Agent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
  /** How long a stopping agent waits for the state writer's last commit. */
  private static final Duration STATE_FLUSH_GRACE = Duration.ofSeconds(5);
  /** Alert ticks (repeat, silences ending, config-change windows passing) need no finer grain. */
  private static final Duration ALERT_TICK_EVERY = Duration.ofSeconds(1);

  private final Clock clock;
  private final AtomicReference<CartprobeConfig> config;
  private final AgentRegistry registry;
  private final AgentMetrics agentMetrics;
  private final Scheduler scheduler;
  private final AgentServer server;
  private final Optional<AgentState> state;
  private final RunHistory history;
  private final AlertingStage alerting;
  private final Endpoints endpoints;
  private final WebhookMetrics webhookMetrics;
  private final Timers timers = new Timers();
  private final Optional<TraceSink> traces;

  public Agent(ConfigSource source, CartprobeConfig initial, Clock clock,
      Optional<InetSocketAddress> listenOverride) throws IOException {
    this.clock = clock;
    this.config = new AtomicReference<>(initial);
    ProbeRunner runner = new ProbeRunner(ProbeHttpClient.defaultBase(), clock, Version.current());
    this.registry = AgentRegistry.create(initial.agent().labels());
    ProbeMetrics probeMetrics = new ProbeMetrics(registry.registry(), initial);
    this.agentMetrics = new AgentMetrics(registry.registry(), Version.current(), clock.instant());
    InetSocketAddress listen = listenOverride.orElseGet(() ->
        new InetSocketAddress(initial.agent().listenHost(), initial.agent().listenPort()));
    this.server = new AgentServer(listen);
    this.state = initial.agent().stateFile().map(path -> {
      StateMetrics stateMetrics = new StateMetrics(registry.registry());
      AgentState opened = AgentState.open(path, clock, stateMetrics, () -> config.get().webhooks());
      stateMetrics.watch(opened);
      return opened;
    });
    this.webhookMetrics = new WebhookMetrics(registry.registry());
    this.traces = TraceSink.fromEnvironment(initial, System.getenv(), registry.registry());

    Attribution attribution = new Attribution(config::get);
    ConfigWatch watch = new ConfigWatch();
    state.ifPresent(s -> restoreWatch(watch, s));
    this.history = new RunHistory(clock);
    List<HistoryKey> pairs = configureHistory(initial);
    state.ifPresent(s -> s.restoreHistory(history, pairs, clock.instant().minus(
        max(RunHistory.SUMMARY_WINDOW, Alerting.longestLookback(initial))),
        Math.max(RunHistory.RECENT_RUNS, Alerting.longestStreak(initial))));
    Optional<HistoryPersistence> saved = state.map(s -> s.historySink(history));
    Alerting first = buildAlerting(initial);
    state.ifPresent(s -> first.restore(s.alerts()));
    Recall.fromHistory(history, initial, attribution, first.engine());
    this.alerting = new AlertingStage(first, withSaved(List.of(history), saved),
        new AlertMetrics(registry.registry()));

    RunLog runLog = new RunLog(history);
    WatchStage watchStage = new WatchStage(config::get, watch,
        state.map(AgentState::baselineSink), withSaved(List.of(attribution,
            new GatewayConfigMetrics(registry.registry()), runLog, history), saved, alerting));
    AtomicReference<Scheduler> schedulerRef = new AtomicReference<>();
    ResultPipeline pipeline = new ResultPipeline(
        new GatewayEvidence(config::get, key -> schedulerRef.get().trigger(key), history, clock,
            initial.agent().evidenceMinInterval(),
            (probe, env, outcome) -> agentMetrics.evidenceUsed(probe, env, outcome.wireName())),
        attribution,
        sinks(withSaved(List.of(watchStage, attribution, probeMetrics, history), saved, runLog,
            alerting)));
    this.scheduler = new Scheduler(pair -> run(runner, pipeline, pair),
        initial.agent().maxConcurrency(), new MetricsListener());
    schedulerRef.set(scheduler);

    Reloader reloader = new Reloader(source, config, clock, agentMetrics, List.of(
        probeMetrics::reconfigure,
        fresh -> { configureHistory(fresh); },
        fresh -> alerting.replace(buildAlerting(fresh)),
        fresh -> scheduler.update(ScheduledPair.of(fresh.probes())),
        fresh -> InsecureTls.warning(fresh).ifPresent(log::warn)));
    this.endpoints = new Endpoints(config::get, scheduler,
        new MetricsExposition(registry.registry()), history, alerting, watch, runner, reloader,
        clock, clock.instant(), () -> state.flatMap(s -> s.health().trouble())
            .map(t -> t.message()));
  }

  /** The durable copy goes right after the in-memory history it reads the pair's state from. */
  @SafeVarargs
  private static <T> List<T> withSaved(List<T> before, Optional<? extends T> saved, T... after) {
    List<T> all = new ArrayList<>(before);
    saved.ifPresent(all::add);
    all.addAll(List.of(after));
    return all;
  }

  /** The traces go last: an export queue of their own, never in a run's way. */
  private List<io.cartprobe.result.ResultSink> sinks(List<io.cartprobe.result.ResultSink> core) {
    List<io.cartprobe.result.ResultSink> all = new ArrayList<>(core);
    traces.ifPresent(all::add);
    return all;
  }

  private RunOutcome run(ProbeRunner runner, ResultPipeline pipeline, PairKey pair) {
    CartprobeConfig current = config.get();
    Optional<ProbeConfig> probe = current.probe(pair.probe());
    Environment env = current.environments().get(pair.environment());
    if (probe.isEmpty() || env == null) {
      return RunOutcome.SUCCEEDED; // removed by a reload while it was due
    }
    ProbeResult result = runner.run(probe.get(), env);
    if (scheduler.interruptedByStop()) {
      // Cut short by shutdown: not the target's failure, so no metric, history or alert.
      log.info("{} @ {} was still running when the agent stopped; its run is not recorded",
          pair.probe(), pair.environment());
      return RunOutcome.SUCCEEDED;
    }
    pipeline.accept(result);
    return RunOutcome.failedIf(result.failed());
  }

  public Agent start() {
    InsecureTls.warning(config.get()).ifPresent(log::warn);
    scheduler.update(ScheduledPair.of(config.get().probes()));
    scheduler.start();
    server.start(endpoints);
    timers.every(HEARTBEAT_EVERY, Duration.ZERO, "heartbeat", this::beat);
    state.ifPresent(s -> timers.every(Retention.EVERY, Duration.ZERO, "state retention",
        s::applyRetention));
    timers.every(ALERT_TICK_EVERY, ALERT_TICK_EVERY, "alert tick", alerting::tick);
    log.info("agent started: {} scheduled, listening on port {}",
        Words.count(scheduler.statuses().size(), "probe run"), server.port());
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Reloads the config file, as {@code POST /-/reload} and SIGHUP do. */
  public void reload() {
    endpoints.reload();
  }

  /** Stops scheduling, lets runs in flight finish up to {@code grace}; true if all finished. */
  public boolean stop(Duration grace) {
    timers.close();
    boolean finished = scheduler.stop(grace);
    server.close();
    alerting.close();
    state.ifPresent(s -> s.close(STATE_FLUSH_GRACE));
    traces.ifPresent(TraceSink::close);
    registry.close();
    return finished;
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }

  private Alerting buildAlerting(CartprobeConfig current) {
    return Alerting.builder(current)
        .clock(clock)
        .externalUrl("http://" + hostForLinks(current) + ":" + server.port() + "/")
        .listener(new DeliveryListener() {
          @Override
          public void delivered(String webhook) {
            webhookMetrics.delivery(webhook, DeliveryResult.DELIVERED);
          }

          @Override
          public void retried(String webhook) {
            webhookMetrics.delivery(webhook, DeliveryResult.RETRIED);
          }

          @Override
          public void dropped(String webhook, String why) {
            webhookMetrics.delivery(webhook, DeliveryResult.DROPPED);
          }
        })
        .stateSink(state.map(AgentState::alertSink).orElse(AlertStateSink.NONE))
        .build();
  }

  private static String hostForLinks(CartprobeConfig config) {
    String host = config.agent().listenHost();
    return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void restoreWatch(ConfigWatch watch, AgentState saved) {
    try {
      watch.restore(saved.watch());
    } catch (IOException e) {
      log.error("state file {}: {}; config baselines start afresh", saved.path(), e.getMessage());
    }
  }

  private List<HistoryKey> configureHistory(CartprobeConfig current) {
    List<HistoryKey> keys = new ArrayList<>();
    for (ProbeConfig probe : current.probes()) {
      for (String env : probe.environments()) {
        history.configure(probe.name(), env, RunHistory.capacityFor(probe.interval()));
        keys.add(new HistoryKey(probe.name(), env));
      }
    }
    history.retain(keys);
    return keys;
  }

  /** Only beats while the scheduler is alive, so a wedged agent goes stale in Prometheus. */
  private void beat() {
    if (scheduler.isScheduling()) {
      agentMetrics.heartbeat(clock.instant());
    }
  }

  /** Feeds the scheduler's lag and skips into the metrics. */
  private final class MetricsListener implements ScheduleListener {
    @Override
    public void runStarted(PairKey pair, Duration lag) {
      agentMetrics.runStarted(lag);
    }

    @Override
    public void runSkipped(PairKey pair, SkipReason reason) {
      agentMetrics.runSkipped(pair.probe(), pair.environment(), reason);
      log.atDebug().addKeyValue("probe", pair.probe()).addKeyValue("env", pair.environment())
          .log("run skipped: {}", reason.label());
    }
  }
}
