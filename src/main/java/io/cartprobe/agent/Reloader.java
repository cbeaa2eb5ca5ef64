package io.cartprobe.agent;

import io.cartprobe.Words;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigError;
import io.cartprobe.config.ConfigException;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.server.AgentEndpoints.ReloadOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /-/reload} and SIGHUP: read the file again; a bad file is rejected whole and the
 * running config stays. A good one becomes the live config, then each component takes it in the
 * order given (metrics and history before alerting and the schedule, so a new pair's first
 * result finds its meters and ring ready).
 */
final class Reloader {

  private static final Logger log = LoggerFactory.getLogger(Reloader.class);

  /** The outcome of the latest reload (the start counts as one), for the page and metrics. */
  record Status(boolean ok, Instant at, int errors) {}

  private final ConfigSource source;
  private final AtomicReference<CartprobeConfig> live;
  private final Clock clock;
  private final AgentMetrics metrics;
  private final List<Consumer<CartprobeConfig>> components;
  private volatile Status status;

  Reloader(ConfigSource source, AtomicReference<CartprobeConfig> live, Clock clock,
      AgentMetrics metrics, List<Consumer<CartprobeConfig>> components) {
    this.source = source;
    this.live = live;
    this.clock = clock;
    this.metrics = metrics;
    this.components = List.copyOf(components);
    this.status = new Status(true, clock.instant(), 0);
    metrics.reloadResult(true);
  }

  Status status() {
    return status;
  }

  synchronized ReloadOutcome reload() {
    Instant at = clock.instant();
    CartprobeConfig fresh;
    try {
      fresh = source.load();
    } catch (ConfigException e) {
      status = new Status(false, at, e.errors().size());
      metrics.reloadResult(false);
      List<String> errors = e.errors().stream().map(ConfigError::format).toList();
      log.error("config reload rejected, the running config stays ({} errors):\n  {}",
          errors.size(), String.join("\n  ", errors));
      return new ReloadOutcome(false, errors);
    }
    CartprobeConfig old = live.getAndSet(fresh);
    if (!old.agent().equals(fresh.agent())) {
      log.warn("agent: section changed; listen, labels and max_concurrency take effect on restart");
    }
    components.forEach(c -> c.accept(fresh));
    status = new Status(true, at, 0);
    metrics.reloadResult(true);
    log.info("config reloaded: {} scheduled", Words.count(
        fresh.probes().stream().mapToInt(p -> p.environments().size()).sum(), "probe run"));
    return new ReloadOutcome(true, List.of());
  }
}
