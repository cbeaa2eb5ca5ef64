package io.cartprobe.agent;

import io.cartprobe.Version;
import io.cartprobe.Words;
import io.cartprobe.alert.AlertStateSink;
import io.cartprobe.alert.Alerting;
import io.cartprobe.artifact.ArtifactStore;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Environment;
import io.cartprobe.config.InsecureTls;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.incident.EpisodeRecorder;
import io.cartprobe.incident.EpisodeStore;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.metrics.AgentRegistry;
import io.cartprobe.metrics.AlertMetrics;
import io.cartprobe.metrics.GatewayConfigMetrics;
import io.cartprobe.metrics.MetricsExposition;
import io.cartprobe.metrics.ProbeMetrics;
import io.cartprobe.metrics.ProviderStatusMetrics;
import io.cartprobe.metrics.StateMetrics;
import io.cartprobe.metrics.ShardMetrics;
import io.cartprobe.metrics.SloMetrics;
import io.cartprobe.slo.HistoryRunCounts;
import io.cartprobe.slo.RunCounts;
import io.cartprobe.slo.SloCalculator;
import io.cartprobe.metrics.WebhookMetrics;
import io.cartprobe.browser.Browsers;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.probe.ResponseChecks;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.RunOutcome;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.server.AgentServer;
import io.cartprobe.shard.Shard;
import io.cartprobe.state.AgentState;
import io.cartprobe.state.HistoryPersistence;
import io.cartprobe.state.Retention;
import io.cartprobe.trace.TraceSink;
import io.cartprobe.watch.Attribution;
import io.cartprobe.watch.ConfigWatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
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
  private final ProbeRunner runner;
  private final Optional<TraceSink> traces;
  /** CPU-bound checks off the virtual-thread carriers that runs and endpoints share. */
  private final ResponseChecks checks =
      ResponseChecks.onPlatformThreads(Runtime.getRuntime().availableProcessors());
  private final PairRuns pairRuns;
  private final Sharding sharding;

  public Agent(ConfigSource source, CartprobeConfig initial, Clock clock,
      Optional<InetSocketAddress> listenOverride) throws IOException {
    this(source, initial, clock, listenOverride, Shard.SINGLE);
  }

  /** An agent that runs only the pairs {@code shard} owns (docs/scaling.md). */
  public Agent(ConfigSource source, CartprobeConfig initial, Clock clock,
      Optional<InetSocketAddress> listenOverride, Shard shard) throws IOException {
    this.clock = clock;
    this.config = new AtomicReference<>(initial);
    // max_browsers is read at start; a reload does not resize the running browser's slots.
    this.runner = new ProbeRunner(
        new ProbeHttpClient(ProbeHttpClient.defaultBase(), Version.current()), clock,
        new SecureRandom(), new Browsers(initial.agent().maxBrowsers(), System.getenv()), checks);
    this.registry = AgentRegistry.create(initial.agent().labels());
    ProbeMetrics probeMetrics = new ProbeMetrics(registry, initial);
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
    this.sharding = new Sharding(shard, initial, new ShardMetrics(registry.registry(), shard));

    Attribution attribution = new Attribution(config::get);
    ConfigWatch watch = new ConfigWatch();
    state.ifPresent(s -> DurableState.restoreWatch(watch, s));
    this.history = state.map(s -> new RunHistory(clock, RunHistory.MAX_DEFAULT_CAPACITY,
        s.runs(), Alerting.longestLookback(initial))).orElseGet(() -> new RunHistory(clock));
    List<HistoryKey> pairs = configureHistory(initial);
    state.ifPresent(s -> DurableState.restoreHistory(s, history, pairs, initial, clock));
    Optional<HistoryPersistence> saved = state.map(s -> s.historySink(history));
    Alerting first = buildAlerting(initial);
    state.ifPresent(s -> first.restore(s.alerts()));
    Recall.fromHistory(history, initial, attribution, first.engine());
    EpisodeStore episodes = EpisodeFile.open(state);
    EpisodeRecorder evidence = new EpisodeRecorder(episodes);
    this.alerting = new AlertingStage(first,
        DurableState.withSaved(List.of(history), saved, evidence),
        new AlertMetrics(registry));

    RunLog runLog = new RunLog(history);
    WatchStage watchStage = new WatchStage(config::get, watch,
        state.map(AgentState::baselineSink), DurableState.withSaved(List.of(attribution,
            new GatewayConfigMetrics(registry.registry()), runLog, history), saved, evidence,
            sharding.gate(alerting)));
    AtomicReference<Scheduler> schedulerRef = new AtomicReference<>();
    Optional<ArtifactStore> artifacts = ArtifactStore.forAgent(initial.agent());
    ResultPipeline pipeline = new ResultPipeline(
        new GatewayEvidence(config::get, key -> schedulerRef.get().trigger(key), history, clock,
            initial.agent().evidenceMinInterval(),
            (probe, env, outcome) -> agentMetrics.evidenceUsed(probe, env, outcome.wireName())),
        attribution,
        sinks(DurableState.withSaved(List.of(watchStage, attribution, probeMetrics,
            new ProviderStatusMetrics(registry.registry()), history), saved, runLog, evidence,
            sharding.gate(alerting))),
        result -> artifacts.map(store -> store.keep(result)).orElse(result));
    this.pairRuns = new PairRuns(config::get, runner, pipeline,
        () -> schedulerRef.get().interruptedByStop(), agentMetrics, clock);
    this.scheduler = new Scheduler(pairRuns, initial.agent().maxConcurrency(),
        new SchedulerMetrics(agentMetrics));
    schedulerRef.set(scheduler);

    // The database keeps an SLO's whole window; memory holds a day at most.
    RunCounts sloCounts = state.<RunCounts>map(s -> new StoredRunCounts(s.runs()))
        .orElseGet(() -> new HistoryRunCounts(history));
    SloMetrics sloMetrics = new SloMetrics(registry.registry(),
        new SloCalculator(sloCounts, clock), initial);
    Reloader reloader = new Reloader(source, config, clock, agentMetrics, List.of(
        probeMetrics::reconfigure, sloMetrics::reconfigure,
        fresh -> { configureHistory(fresh); },
        fresh -> alerting.replace(buildAlerting(fresh)),
        sharding::reconfigure,
        fresh -> scheduler.update(sharding.scheduled(fresh)),
        fresh -> InsecureTls.warning(fresh).ifPresent(log::warn)));
    this.endpoints = new Endpoints(config::get, scheduler,
        new MetricsExposition(registry), history, alerting, watch, pairRuns, reloader,
        clock, clock.instant(), artifacts, sharding::current,
        new EvidenceEndpoint(episodes, config::get, clock),
        () -> state.flatMap(s -> s.health().trouble()).map(t -> t.message()), sloCounts);
  }

  /** The traces go last: an export queue of their own, never in a run's way. */
  private List<io.cartprobe.result.ResultSink> sinks(List<io.cartprobe.result.ResultSink> core) {
    List<io.cartprobe.result.ResultSink> all = new ArrayList<>(core);
    traces.ifPresent(all::add);
    return all;
  }

  public Agent start() {
    InsecureTls.warning(config.get()).ifPresent(log::warn);
    scheduler.update(sharding.scheduled(config.get()));
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
    pairRuns.close();
    checks.close();
    server.close();
    alerting.close();
    state.ifPresent(s -> s.close(STATE_FLUSH_GRACE));
    runner.close();
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
        .externalUrl(current.agent().linkBase(server.port()))
        .listener(new DeliveryMetrics(webhookMetrics))
        .stateSink(state.map(AgentState::alertSink).orElse(AlertStateSink.NONE))
        .build();
  }

  private List<HistoryKey> configureHistory(CartprobeConfig current) {
    List<HistoryKey> keys = new ArrayList<>();
    for (ProbeConfig probe : current.probes()) {
      for (String env : probe.environments()) {
        for (io.cartprobe.config.Variant v : probe.variants()) {
          HistoryKey key = new HistoryKey(probe.name(), env, v.id());
          history.configure(key, probe.interval());
          keys.add(key);
        }
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
}
