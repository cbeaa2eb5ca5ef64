package io.cartprobe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.Version;
import io.cartprobe.alert.AlertStateJson;
import io.cartprobe.alert.AlertStatus;
import io.cartprobe.alert.Alerting;
import io.cartprobe.alert.webhook.DeliveryListener;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigError;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.Environment;
import io.cartprobe.config.InsecureTls;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.metrics.AlertMetrics;
import io.cartprobe.metrics.GatewayConfigMetrics;
import io.cartprobe.metrics.DeliveryResult;
import io.cartprobe.metrics.WebhookMetrics;
import io.cartprobe.metrics.AgentRegistry;
import io.cartprobe.metrics.MetricsExposition;
import io.cartprobe.metrics.ProbeMetrics;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.RunOutcome;
import io.cartprobe.schedule.ScheduleListener;
import io.cartprobe.schedule.ScheduledPair;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.schedule.SkipReason;
import io.cartprobe.server.AgentEndpoints;
import io.cartprobe.server.AgentServer;
import io.cartprobe.alert.AlertEvent;
import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.HistoryJson;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.statuspage.ConfigReload;
import io.cartprobe.statuspage.Links;
import io.cartprobe.statuspage.ProbeDetailPage;
import io.cartprobe.statuspage.ProbeDetailView;
import io.cartprobe.statuspage.StatusPage;
import io.cartprobe.statuspage.StatusRow;
import io.cartprobe.statuspage.StatusView;
import io.cartprobe.statuspage.UndeliveredNotification;
import io.cartprobe.state.StateFile;
import io.cartprobe.watch.Attribution;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.watch.ConfigWatch;
import io.cartprobe.watch.WatchStateStore;
import io.cartprobe.config.GatewayConfigProbe;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cartprobe agent}: wires config → schedule → probe → results → metrics and status, and
 * serves them. Results flow one way; nothing downstream calls back into the probe engine.
 */
public final class Agent implements AgentEndpoints, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
  /** History is a picture, not a ledger: losing the last minute of it to a crash is fine. */
  private static final Duration HISTORY_SAVE_EVERY = Duration.ofSeconds(60);
  private static final String HISTORY_SECTION = "history";
  /** Alert ticks (repeat, silences ending, config-change windows passing) need no finer grain. */
  private static final Duration ALERT_TICK_EVERY = Duration.ofSeconds(1);

  /** Where a reload reads the config from. */
  @FunctionalInterface
  public interface ConfigSource {
    CartprobeConfig load() throws ConfigException;
  }

  private final ConfigSource source;
  private final Clock clock;
  private final AtomicReference<CartprobeConfig> config;
  private final ProbeRunner runner;
  private final AgentRegistry registry;
  private final ProbeMetrics probeMetrics;
  private final AgentMetrics agentMetrics;
  private final MetricsExposition exposition;
  private final PairStates states = new PairStates();
  private final Scheduler scheduler;
  private final AgentServer server;
  private final Optional<StateFile> stateFile;
  private final AlertMetrics alertMetrics;
  private final WebhookMetrics webhookMetrics;
  private final GatewayConfigMetrics gatewayConfigMetrics;
  private final ConfigWatch configWatch;
  private final Optional<WatchStateStore> watchStore;
  private final Attribution attribution;
  private final RunHistory history;
  private volatile int lastReloadErrors;
  private final AtomicReference<Alerting> alerting = new AtomicReference<>();
  private final Instant startedAt;
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cartprobe-heartbeat").factory());
  private volatile boolean lastReloadOk = true;
  private volatile Instant lastReloadAt;

  public Agent(ConfigSource source, CartprobeConfig initial, Clock clock,
      Optional<InetSocketAddress> listenOverride) throws IOException {
    this.source = source;
    this.clock = clock;
    this.config = new AtomicReference<>(initial);
    this.startedAt = clock.instant();
    this.lastReloadAt = startedAt;
    this.runner = new ProbeRunner(ProbeHttpClient.defaultBase(), clock, Version.current());
    this.registry = AgentRegistry.create(initial.agent().labels());
    this.probeMetrics = new ProbeMetrics(registry.registry(), initial);
    this.agentMetrics = new AgentMetrics(registry.registry(), Version.current(), startedAt);
    this.agentMetrics.reloadResult(true);
    this.exposition = new MetricsExposition(registry.registry());
    this.scheduler = new Scheduler(this::runScheduled, initial.agent().maxConcurrency(),
        new MetricsListener());
    InetSocketAddress listen = listenOverride.orElseGet(() ->
        new InetSocketAddress(initial.agent().listenHost(), initial.agent().listenPort()));
    this.server = new AgentServer(listen, this);
    this.stateFile = initial.agent().stateFile().map(StateFile::new);
    this.alertMetrics = new AlertMetrics(registry.registry());
    this.webhookMetrics = new WebhookMetrics(registry.registry());
    this.gatewayConfigMetrics = new GatewayConfigMetrics(registry.registry());
    this.attribution = new Attribution(clock);
    this.watchStore = stateFile.map(WatchStateStore::new);
    this.configWatch = new ConfigWatch();
    if (watchStore.isPresent()) {
      watchStore.get().load().ifPresent(state -> {
        try {
          configWatch.restore(state);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      configWatch.lastChanges().forEach(attribution::record);
    }
    this.history = new RunHistory(clock);
    configureHistory(initial);
    if (stateFile.isPresent()) {
      stateFile.get().read(HISTORY_SECTION).filter(n -> !n.isNull()).ifPresent(history::restore);
    }
    Alerting first = buildAlerting(initial);
    if (stateFile.isPresent()) {
      stateFile.get().read(AlertStateJson.SECTION).filter(n -> !n.isNull())
          .map(AlertStateJson::fromJson).ifPresent(first::restore);
    }
    alerting.set(first);
  }

  private Alerting buildAlerting(CartprobeConfig config) {
    return Alerting.builder(config)
        .clock(clock)
        .externalUrl("http://" + hostForLinks(config) + ":" + server.port() + "/")
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
        .stateSink(state -> stateFile.ifPresent(file -> {
          try {
            file.write(AlertStateJson.SECTION, AlertStateJson.toJson(state));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file.path(), e);
          }
        }))
        .build();
  }

  private static String hostForLinks(CartprobeConfig config) {
    String host = config.agent().listenHost();
    return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
  }

  public Agent start() {
    scheduler.update(ScheduledPair.of(config.get().probes()));
    scheduler.start();
    server.start();
    heartbeat.scheduleAtFixedRate(this::beat, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    heartbeat.scheduleAtFixedRate(this::saveHistory, HISTORY_SAVE_EVERY.toMillis(),
        HISTORY_SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    heartbeat.scheduleAtFixedRate(this::tickAlerts, ALERT_TICK_EVERY.toMillis(),
        ALERT_TICK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    log.info("agent started: {} probe runs scheduled, listening on port {}",
        scheduler.statuses().size(), server.port());
    InsecureTls.warning(config.get()).ifPresent(log::warn);
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Stops scheduling, lets runs in flight finish up to {@code grace}; true if all finished. */
  public boolean stop(Duration grace) {
    heartbeat.shutdownNow();
    boolean finished = scheduler.stop(grace);
    saveHistory();
    server.close();
    closeQuietly(alerting.get());
    registry.close();
    return finished;
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }

  private void configureHistory(CartprobeConfig current) {
    List<HistoryKey> keys = new java.util.ArrayList<>();
    for (ProbeConfig probe : current.probes()) {
      for (String env : probe.environments()) {
        history.configure(probe.name(), env, RunHistory.capacityFor(probe.interval()));
        keys.add(new HistoryKey(probe.name(), env));
      }
    }
    history.retain(keys);
  }

  private void saveHistory() {
    stateFile.ifPresent(file -> {
      try {
        file.write(HISTORY_SECTION, history.snapshot());
      } catch (IOException | RuntimeException e) {
        log.error("cannot save run history to the state file: {}", e.getMessage());
      }
    });
  }

  private void recordAlertEvents(List<AlertEvent> events) {
    for (AlertEvent event : events) {
      switch (event.kind()) {
        case FIRING -> history.recordAlert(event.alert(), event.probe(), event.env(),
            AlertTransition.State.FIRING, event.at());
        case RESOLVED -> history.recordAlert(event.alert(), event.probe(), event.env(),
            AlertTransition.State.RESOLVED, event.at());
        default -> { }
      }
    }
  }

  private void tickAlerts() {
    try {
      recordAlertEvents(alerting.get().tick());
      publishAlertStates();
    } catch (RuntimeException e) {
      log.error("alert tick failed", e);
    }
  }

  private void publishAlertStates() {
    for (AlertStatus status : alerting.get().statuses()) {
      alertMetrics.state(status.alert(), status.probe(), status.env(), status.firing());
    }
  }

  /** Only beats while the scheduler is alive, so a wedged agent goes stale in Prometheus. */
  private void beat() {
    if (scheduler.isScheduling()) {
      agentMetrics.heartbeat(clock.instant());
    }
  }

  private RunOutcome runScheduled(PairKey pair) {
    CartprobeConfig current = config.get();
    Optional<ProbeConfig> probe = current.probe(pair.probe());
    Environment env = current.environments().get(pair.environment());
    if (probe.isEmpty() || env == null) {
      return RunOutcome.SUCCEEDED; // removed by a reload while it was due
    }
    ProbeResult result = runner.run(probe.get(), env);
    accept(result);
    return RunOutcome.failedIf(result.failed());
  }

  /** Every scheduled result passes here, on its way to metrics, state, logs and alerts. */
  private void accept(ProbeResult result) {
    boolean failedCheckout = result.failed() && result.probeType().equals("checkout");
    if (failedCheckout) {
      gatherGatewayEvidence(result.environment(), result.startedAt());
      result = attribution.probableCause(result).map(result::withProbableCause).orElse(result);
    }
    if (config.get().probe(result.probe()).orElse(null) instanceof GatewayConfigProbe gateway) {
      boolean hadBaseline = configWatch.baseline(gateway.name(), result.environment()).isPresent();
      Optional<ConfigChange> change = configWatch.observe(gateway, result);
      change.ifPresent(this::configChanged);
      if (change.isPresent() || !hadBaseline) {
        saveBaselines();
      }
      attribution.record(result);
    }
    probeMetrics.record(result);
    PairStates.Transition transition = states.record(result);
    history.record(result);
    RunLog.record(result, transition);
    recordAlertEvents(alerting.get().onResult(result));
    publishAlertStates();
  }

  /** News, not a failure: counted, logged, kept, and handed to alerting and attribution. */
  private void configChanged(ConfigChange change) {
    attribution.record(change);
    gatewayConfigMetrics.changeDetected(change.probe(), change.environment(), change.at());
    log.atWarn().addKeyValue("probe", change.probe()).addKeyValue("env", change.environment())
        .log("{} @ {} configuration changed: {}", change.probe(), change.environment(), change.describe());
    history.recordConfigChange(change.probe(), change.environment(), change.at(), change.changes());
    recordAlertEvents(alerting.get().onConfigChange(
        change.probe(), change.environment(), change.at(), change.changes()));
  }

  private void saveBaselines() {
    watchStore.ifPresent(store -> {
      try {
        store.save(configWatch.snapshot());
      } catch (IOException e) {
        log.error("cannot save config baselines to the state file: {}", e.getMessage());
      }
    });
  }

  /**
   * A failed checkout runs the environment's gateway-config probes at once (unless one started
   * after the failed run did, and so already saw the gateway as it is now), before the alert is
   * evaluated, so the first notification already says whether the gateway failed or changed.
   * Their results go through {@link #accept} like any other.
   */
  private void gatherGatewayEvidence(String environment, Instant checkoutStarted) {
    CartprobeConfig current = config.get();
    for (ProbeConfig probe : current.probes()) {
      if (!probe.type().equals("gateway-config") || !probe.environments().contains(environment)) {
        continue;
      }
      PairKey key = new PairKey(probe.name(), environment);
      boolean fresh = states.get(key).last()
          .map(r -> r.startedAt().isAfter(checkoutStarted)).orElse(false);
      if (fresh) {
        continue;
      }
      if (scheduler.trigger(key) instanceof io.cartprobe.schedule.TriggerResult.Started started) {
        try {
          started.outcome().get(probe.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          log.debug("gateway evidence {} not in time: {}", key, e.toString());
        }
      }
    }
  }

  @Override
  public boolean ready() {
    return scheduler.isScheduling();
  }

  @Override
  public MetricsExposition.Scrape scrape(Optional<String> acceptHeader) {
    return exposition.scrape(acceptHeader.orElse(null));
  }

  @Override
  public JsonNode status() {
    return StatusJson.render(config.get(), states, scheduler, alerting.get(),
        configWatch.lastChanges(), new StatusJson.AgentInfo(
        Version.current(), startedAt, lastReloadOk, lastReloadAt));
  }

  @Override
  public ProbeNow probeNow(String probeName, String environment, Optional<Duration> deadline) {
    CartprobeConfig current = config.get();
    Optional<ProbeConfig> probe = current.probe(probeName);
    if (probe.isEmpty()) {
      return new ProbeNow.NotFound("unknown probe '" + probeName + "' (defined: "
          + current.probes().stream().map(ProbeConfig::name).collect(Collectors.joining(", ")) + ")");
    }
    if (!probe.get().environments().contains(environment)) {
      return new ProbeNow.NotFound("probe '" + probeName + "' does not run in environment '"
          + environment + "' (it runs in: " + String.join(", ", probe.get().environments()) + ")");
    }
    ProbeConfig toRun = probe.get();
    if (deadline.isPresent() && deadline.get().compareTo(toRun.timeout()) < 0) {
      toRun = toRun.withTimeout(deadline.get());
    }
    return new ProbeNow.Ran(runner.run(toRun, current.environments().get(environment)));
  }

  @Override
  public synchronized ReloadOutcome reload() {
    lastReloadAt = clock.instant();
    CartprobeConfig fresh;
    try {
      fresh = source.load();
    } catch (ConfigException e) {
      lastReloadOk = false;
      lastReloadErrors = e.errors().size();
      agentMetrics.reloadResult(false);
      List<String> errors = e.errors().stream().map(ConfigError::format).toList();
      log.error("config reload rejected, the running config stays ({} errors):\n  {}",
          errors.size(), String.join("\n  ", errors));
      return new ReloadOutcome(false, errors);
    }
    CartprobeConfig old = config.getAndSet(fresh);
    if (!old.agent().equals(fresh.agent())) {
      log.warn("agent: section changed; listen, labels and max_concurrency take effect on restart");
    }
    probeMetrics.reconfigure(fresh);
    configureHistory(fresh);
    Alerting replacement = buildAlerting(fresh);
    Alerting previous = alerting.getAndSet(replacement);
    replacement.restore(previous.snapshot());
    closeQuietly(previous);
    List<ScheduledPair> pairs = ScheduledPair.of(fresh.probes());
    scheduler.update(pairs);
    states.retain(pairs.stream().map(ScheduledPair::key).collect(Collectors.toSet()));
    lastReloadOk = true;
    agentMetrics.reloadResult(true);
    log.info("config reloaded: {} probe runs scheduled", pairs.size());
    InsecureTls.warning(fresh).ifPresent(log::warn);
    return new ReloadOutcome(true, List.of());
  }

  @Override
  public Optional<String> adminToken() {
    return config.get().agent().adminToken();
  }

  @Override
  public String statusPage() {
    return StatusPage.render(statusView());
  }

  @Override
  public Optional<String> probePage(String rawPath) {
    Optional<HistoryKey> key = Links.parseProbePath(rawPath);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    StatusView view = statusView();
    return view.rows().stream()
        .filter(r -> r.probe().equals(key.get().probe()) && r.environment().equals(key.get().environment()))
        .findFirst()
        .map(row -> ProbeDetailPage.render(ProbeDetailView.from(history, view, row)));
  }

  @Override
  public HttpAnswer history(String rawQuery) {
    HistoryJson.Response response = HistoryJson.respond(history, rawQuery);
    return new HttpAnswer(response.status(), response.contentType(), response.body());
  }

  private StatusView statusView() {
    CartprobeConfig current = config.get();
    Instant now = clock.instant();
    List<AlertStatus> alerts = alerting.get().statuses();
    List<StatusRow> rows = new java.util.ArrayList<>();
    for (ProbeConfig probe : current.probes()) {
      for (String env : probe.environments()) {
        List<String> firing = alerts.stream()
            .filter(a -> a.firing() && a.probe().equals(probe.name()) && a.env().equals(env))
            .map(AlertStatus::alert).toList();
        Optional<String> silence = current.silences().stream()
            .filter(s -> s.covers(probe.name(), env, now)).map(s -> s.reason()).findFirst();
        rows.add(StatusRow.from(history, probe.name(), env, probe.type(), firing, silence));
      }
    }
    ConfigReload reload = lastReloadOk ? ConfigReload.loadedAt(lastReloadAt)
        : ConfigReload.rejectedAt(lastReloadAt, lastReloadErrors);
    List<UndeliveredNotification> undelivered = alerting.get().deadLetters().stream()
        .map(d -> new UndeliveredNotification(d.webhook(), d.alert(), d.why(), d.droppedAt()))
        .toList();
    return new StatusView(current.agent().labels(), Version.current(), now, reload,
        StatusView.DEFAULT_REFRESH, rows, undelivered, InsecureTls.warning(current).stream().toList());
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
