package io.cartprobe.agent;

import io.cartprobe.history.PairState;
import io.cartprobe.history.RunHistory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.AlertStatus;
import io.cartprobe.alert.Alerting;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.result.ResultJson;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.PairStatus;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.result.ConfigChange;
import java.util.List;
import java.time.Instant;
import java.util.Locale;

/** {@code GET /api/status}: every probe × environment, its state, counts and last result. */
final class StatusJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  record AgentInfo(String version, Instant startedAt, boolean lastReloadOk, Instant lastReloadAt) {}

  private StatusJson() {}

  static JsonNode render(CartprobeConfig config, RunHistory history, Scheduler scheduler,
      Alerting alerting, List<ConfigChange> configChanges, AgentInfo info) {
    ObjectNode root = NODES.objectNode();
    ObjectNode agent = root.putObject("agent");
    agent.put("version", info.version());
    agent.put("started_at", info.startedAt().toString());
    agent.put("last_reload_successful", info.lastReloadOk());
    agent.put("last_reload_at", info.lastReloadAt().toString());
    ObjectNode labels = agent.putObject("labels");
    config.agent().labels().forEach(labels::put);

    ArrayNode probes = root.putArray("probes");
    for (ProbeConfig probe : config.probes()) {
      for (String env : probe.environments()) {
        PairKey key = new PairKey(probe.name(), env);
        PairState state = history.state(probe.name(), env);
        ObjectNode node = probes.addObject();
        node.put("probe", probe.name());
        node.put("env", env);
        node.put("type", probe.type().wireName());
        node.put("state", state.health().wireName());
        node.put("interval_seconds", probe.interval().toMillis() / 1000.0);
        node.put("interval_when_failing_seconds", probe.intervalWhenFailing().toMillis() / 1000.0);
        node.put("consecutive_failures", state.consecutiveFailures());
        if (state.failingSince().isPresent()) {
          node.put("failing_since", state.failingSince().get().toString());
        } else {
          node.putNull("failing_since");
        }
        ObjectNode runs = node.putObject("runs");
        runs.put("success", state.counts().successes());
        runs.put("failure", state.counts().failures());
        runs.put("degraded", state.counts().degraded());
        scheduler.status(key).ifPresent((PairStatus s) -> {
          node.put("next_run_at", s.nextDue().toString());
          node.put("running", s.running());
        });
        node.set("last_result", state.latest().<JsonNode>map(ResultJson::toJson).orElse(NODES.nullNode()));
      }
    }
    ArrayNode changes = root.putArray("config_changes");
    for (ConfigChange change : configChanges) {
      ObjectNode node = changes.addObject();
      node.put("probe", change.probe());
      node.put("env", change.environment());
      node.put("at", change.at().toString());
      ArrayNode fields = node.putArray("changes");
      change.changes().forEach(c ->
          fields.addObject().put("path", c.path()).put("before", c.before()).put("after", c.after()));
    }
    ArrayNode alerts = root.putArray("alerts");
    for (AlertStatus status : alerting.statuses()) {
      ObjectNode node = alerts.addObject();
      node.put("alert", status.alert());
      node.put("probe", status.probe());
      node.put("env", status.env());
      node.put("severity", status.severity());
      node.put("state", status.state().name().toLowerCase(Locale.ROOT));
      putInstant(node, "since", status.since());
      putInstant(node, "first_failure_at", status.firstFailureAt());
      node.put("failures", status.failures());
      node.put("silenced", status.silenced());
      node.put("inhibited", status.inhibited());
      node.put("notified", status.notified());
      putInstant(node, "last_sent_at", status.lastSentAt());
      node.put("condition", status.condition());
    }
    ObjectNode deliveries = root.putObject("webhook_deliveries");
    ArrayNode pending = deliveries.putArray("pending");
    for (PendingDelivery p : alerting.pending()) {
      pending.addObject().put("id", p.id()).put("webhook", p.webhook()).put("kind", p.kind())
          .put("attempts", p.attempts()).put("created_at", p.createdAt().toString())
          .put("next_attempt_at", p.notBefore().toString());
    }
    // Webhook URLs are left out: Slack-style URLs carry their secret in the path.
    ArrayNode dead = deliveries.putArray("dropped");
    for (DeadLetter d : alerting.deadLetters()) {
      dead.addObject().put("id", d.id()).put("webhook", d.webhook()).put("alert", d.alert())
          .put("kind", d.kind()).put("why", d.why()).put("attempts", d.attempts())
          .put("created_at", d.createdAt().toString()).put("dropped_at", d.droppedAt().toString());
    }
    return root;
  }

  private static void putInstant(ObjectNode node, String key, java.util.Optional<Instant> value) {
    if (value.isPresent()) {
      node.put(key, value.get().toString());
    } else {
      node.putNull(key);
    }
  }
}
