package io.cartprobe.alert;

import io.cartprobe.config.AlertRule;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Silence;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine on a fake clock; each result is fed at the instant its run ended. */
final class EngineHarness {

  static final Instant T0 = Instant.parse("2024-05-09T17:00:00Z");

  final TestClock clock = new TestClock(T0);
  final AtomicInteger ids = new AtomicInteger();
  final AlertEngine engine;

  EngineHarness(List<AlertRule> rules) {
    this(rules, List.of(), List.of());
  }

  EngineHarness(List<AlertRule> rules, List<Silence> silences, List<ProbeConfig> probes) {
    engine = new AlertEngine(rules, probes, silences, Map.of("location", "eu-west-1"), clock,
        () -> "id-" + ids.incrementAndGet());
  }

  List<AlertEvent> feed(ProbeResult result) {
    clock.set(result.startedAt().plus(result.duration()));
    return engine.onResult(result);
  }

  List<AlertEvent> tick(Instant at) {
    clock.set(at);
    return engine.tick(at);
  }

  AlertStatus status(String alert, String probe, String env) {
    return engine.statuses().stream()
        .filter(s -> s.alert().equals(alert) && s.probe().equals(probe) && s.env().equals(env))
        .findFirst().orElseThrow();
  }
}
