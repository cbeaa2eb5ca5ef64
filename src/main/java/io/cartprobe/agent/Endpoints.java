package io.cartprobe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.Version;
import io.cartprobe.alert.AlertStatus;
import io.cartprobe.artifact.ArtifactStore;
import io.cartprobe.alert.Alerting;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.InsecureTls;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.history.HistoryJson;
import io.cartprobe.config.Variant;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.metrics.MetricsExposition;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.PairTask;
import io.cartprobe.schedule.RunOutcome;
import io.cartprobe.schedule.TriggerResult;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.server.AgentEndpoints;
import io.cartprobe.shard.Ownership;
import io.cartprobe.statuspage.ConfigReload;
import io.cartprobe.statuspage.Links;
import io.cartprobe.statuspage.ProbeDetailPage;
import io.cartprobe.statuspage.ProbeDetailView;
import io.cartprobe.statuspage.StatusPage;
import io.cartprobe.statuspage.StatusRow;
import io.cartprobe.statuspage.StatusView;
import io.cartprobe.statuspage.SloPanel;
import io.cartprobe.slo.RunCounts;
import io.cartprobe.slo.SloCalculator;
import io.cartprobe.config.Durations;
import io.cartprobe.statuspage.UndeliveredNotification;
import io.cartprobe.watch.ConfigWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the agent's HTTP endpoints answer, read from the stores the sinks keep (history, alerting,
 * the watch) and the scheduler. Reads only: nothing here records a result, except {@code /probe},
 * whose run is the caller's and goes back to the caller alone.
 */
final class Endpoints implements AgentEndpoints {

  private final Supplier<CartprobeConfig> config;
  private final Scheduler scheduler;
  private final MetricsExposition exposition;
  private final RunHistory history;
  private final AlertingStage alerting;
  private final ConfigWatch watch;
  private final PairRuns runs;
  private final Reloader reloader;
  private final Clock clock;
  private final Instant startedAt;
  private final Optional<ArtifactStore> artifacts;
  private final Supplier<Ownership> ownership;
  private final EvidenceEndpoint evidence;
  private final Supplier<Optional<String>> stateTrouble;
  private final RunCounts sloCounts;
  /** How often a waiting {@code /probe} looks whether its pair is free (runs take 10s of ms+). */
  private static final Duration PAIR_POLL = Duration.ofMillis(20);

  Endpoints(Supplier<CartprobeConfig> config, Scheduler scheduler, MetricsExposition exposition,
      RunHistory history, AlertingStage alerting, ConfigWatch watch, PairRuns runs,
      Reloader reloader, Clock clock, Instant startedAt, Optional<ArtifactStore> artifacts,
      Supplier<Ownership> ownership, EvidenceEndpoint evidence,
      Supplier<Optional<String>> stateTrouble, RunCounts sloCounts) {
    this.stateTrouble = stateTrouble;
    this.sloCounts = sloCounts;
    this.config = config;
    this.scheduler = scheduler;
    this.exposition = exposition;
    this.history = history;
    this.alerting = alerting;
    this.watch = watch;
    this.runs = runs;
    this.reloader = reloader;
    this.clock = clock;
    this.startedAt = startedAt;
    this.artifacts = artifacts;
    this.ownership = ownership;
    this.evidence = evidence;
  }

  @Override
  public Optional<FileAnswer> artifact(String rawPath) {
    return artifacts.flatMap(a -> a.serve(rawPath))
        .map(s -> new FileAnswer(s.contentType(), s.body()));
  }

  @Override
  public boolean ready() {
    return scheduler.isScheduling();
  }

  @Override
  public Optional<String> readinessNote() {
    return stateTrouble.get();
  }

  @Override
  public MetricsExposition.Compressed scrapeGzip(Optional<String> acceptHeader) {
    return exposition.scrapeGzip(acceptHeader.orElse(null));
  }

  @Override
  public JsonNode status() {
    Reloader.Status reload = reloader.status();
    return StatusJson.render(config.get(), history, scheduler, alerting.current(),
        watch.lastChanges(), new StatusJson.AgentInfo(
            Version.current(), startedAt, reload.ok(), reload.at()), ownership.get());
  }

  @Override
  public ProbeNow probeNow(String probeName, String environment, String variantId,
      Optional<Duration> deadline) {
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
    Optional<Variant> variant = probe.get().variant(variantId);
    if (variant.isEmpty()) {
      List<String> ids = probe.get().variants().stream().map(Variant::id).toList();
      return new ProbeNow.NotFound(ids.equals(List.of(""))
          ? "probe '" + probeName + "' has no matrix: leave variant out"
          : "probe '" + probeName + "' needs &variant= one of: " + String.join(", ", ids));
    }
    ProbeConfig toRun = deadline.filter(d -> d.compareTo(probe.get().timeout()) < 0)
        .map(probe.get()::withTimeout).orElse(probe.get());
    AtomicReference<ProbeResult> ran = new AtomicReference<>();
    PairKey key = new PairKey(probeName, environment, variantId);
    PairTask body = pair -> {
      ProbeResult result = runs.guarded(toRun, current.environments().get(environment),
          variant.get());
      ran.set(result);
      return RunOutcome.failedIf(result.failed());
    };
    // While the pair's run (scheduled or another caller's) is going, wait for the pair, up to
    // the run's own deadline: callers queue behind one another, never overlap on the target.
    Instant giveUp = clock.instant().plus(toRun.timeout());
    while (true) {
      switch (scheduler.runFor(key, body)) {
        case TriggerResult.Started s -> {
          try {
            s.outcome().join();
          } catch (CompletionException | CancellationException e) {
            return new ProbeNow.Busy("the run of " + key + " was stopped");
          }
          return new ProbeNow.Ran(ran.get());
        }
        case TriggerResult.Refused r -> {
          return new ProbeNow.Busy("not run: " + r.why());
        }
        case TriggerResult.Skipped s -> {
          if (!clock.instant().isBefore(giveUp)) {
            return new ProbeNow.Busy("not run within " + toRun.timeout().toSeconds() + "s: "
                + s.reason().label().replace('_', ' ') + " (" + key + ")");
          }
          try {
            Thread.sleep(PAIR_POLL);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeNow.Busy("interrupted");
          }
        }
      }
    }
  }

  @Override
  public ReloadOutcome reload() {
    return reloader.reload();
  }

  @Override
  public Optional<String> adminToken() {
    return config.get().agent().adminToken();
  }

  @Override
  public Optional<String> probeToken() {
    return config.get().agent().probeToken();
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
        .filter(r -> r.probe().equals(key.get().probe())
            && r.environment().equals(key.get().environment()))
        .findFirst()
        .map(row -> ProbeDetailPage.render(ProbeDetailView.from(history, view, row)));
  }

  @Override
  public HttpAnswer incident(String rawPath, Optional<String> accept) {
    return evidence.answer(rawPath, accept);
  }

  @Override
  public HttpAnswer history(String rawQuery) {
    HistoryJson.Response response = HistoryJson.respond(history, rawQuery);
    return new HttpAnswer(response.status(), response.contentType(), response.body());
  }

  private StatusView statusView() {
    CartprobeConfig current = config.get();
    Instant now = clock.instant();
    Alerting alerts = alerting.current();
    List<AlertStatus> statuses = alerts.statuses();
    List<StatusRow> rows = new ArrayList<>();
    Ownership owned = ownership.get();
    for (ProbeConfig probe : current.probes()) {
      for (String env : probe.environments()) {
        if (probe.variants().stream()
            .noneMatch(v -> owned.runs(new PairKey(probe.name(), env, v.id())))) {
          continue;
        }
        List<String> firing = statuses.stream()
            .filter(a -> a.firing() && a.probe().equals(probe.name()) && a.env().equals(env))
            .map(a -> a.variant().isEmpty() ? a.alert() : a.alert() + " [" + a.variant() + "]")
            .toList();
        Optional<String> silence = current.silences().stream()
            .filter(s -> s.covers(probe.name(), env, now)).map(s -> s.reason()).findFirst();
        rows.add(probe.matrix().isEmpty()
            ? StatusRow.from(history, probe.name(), env, probe.type().wireName(), firing, silence)
            : StatusRow.grouped(history, probe.name(), env, probe.type().wireName(),
                probe.variants().stream().map(Variant::id).toList(),
                firing.stream().distinct().toList(), silence));
      }
    }
    Reloader.Status reload = reloader.status();
    ConfigReload shown = reload.ok() ? ConfigReload.loadedAt(reload.at())
        : ConfigReload.rejectedAt(reload.at(), reload.errors());
    List<UndeliveredNotification> undelivered = alerts.deadLetters().stream()
        .map(d -> new UndeliveredNotification(d.webhook(), d.alert(), d.why(), d.droppedAt()))
        .toList();
    return new StatusView(current.agent().labels(), Version.current(), now, shown,
        StatusView.DEFAULT_REFRESH, rows, undelivered,
        InsecureTls.warning(current).stream().toList(), sloPanels(current));
  }

  private List<SloPanel> sloPanels(CartprobeConfig current) {
    SloCalculator slos = new SloCalculator(sloCounts, clock);
    return slos.statuses(current).stream().map(s -> new SloPanel(s.slo().name(), s.env(),
        s.slo().objective(), Durations.format(s.slo().window()), s.availability(),
        s.budgetRemaining(), slos.burnSeries(s.slo(), s.env(), current, Duration.ofHours(1), 24),
        s.coverage())).toList();
  }
}
