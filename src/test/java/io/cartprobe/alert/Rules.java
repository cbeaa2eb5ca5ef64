package io.cartprobe.alert;

import io.cartprobe.config.AgentConfig;
import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Silence;
import io.cartprobe.config.Webhook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alert rules and configs as the loader makes them, for tests. */
public final class Rules {

  public static final String RUNBOOK = "https://wiki.example.com/runbooks/checkout";

  private Rules() {}

  public static AlertRule rule(String name, AlertCondition when, int resolveAfter) {
    return new AlertRule(name, List.of(), List.of(), when, resolveAfter, List.of(), "critical",
        Optional.empty(), Optional.of(RUNBOOK), List.of("oncall"));
  }

  public static AlertRule onProbe(String name, String probe, AlertCondition when) {
    return new AlertRule(name, List.of(probe), List.of(), when, 1, List.of(), "critical",
        Optional.empty(), Optional.of(RUNBOOK), List.of("oncall"));
  }

  public static AlertRule withRepeat(AlertRule r, Duration repeat) {
    return new AlertRule(r.name(), r.probes(), r.environments(), r.when(), r.resolveAfter(),
        r.inhibitedBy(), r.severity(), Optional.of(repeat), r.runbook(), r.webhooks());
  }

  public static AlertRule inhibitedBy(AlertRule r, String... by) {
    return new AlertRule(r.name(), r.probes(), r.environments(), r.when(), r.resolveAfter(),
        List.of(by), r.severity(), r.repeat(), r.runbook(), r.webhooks());
  }

  public static AlertRule notifying(AlertRule r, String... webhooks) {
    return new AlertRule(r.name(), r.probes(), r.environments(), r.when(), r.resolveAfter(),
        r.inhibitedBy(), r.severity(), r.repeat(), r.runbook(), List.of(webhooks));
  }

  public static CartprobeConfig config(List<AlertRule> alerts, List<Silence> silences,
      List<Webhook> webhooks) {
    AgentConfig agent = new AgentConfig("127.0.0.1", 0, 4, Optional.empty(),
        Map.of("location", "eu-west-1"), Optional.empty(), AgentConfig.DEFAULT_EVIDENCE_MIN_INTERVAL,
        Optional.empty(), Optional.empty());
    return new CartprobeConfig(Path.of("probes.yaml"), agent, Map.of(), List.of(), alerts,
        silences, webhooks);
  }
}
