package io.cartprobe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.probe.ResultJson;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.PairStatus;
import io.cartprobe.schedule.Scheduler;
import java.time.Instant;
import java.util.Locale;

/** {@code GET /api/status}: every probe × environment, its state, counts and last result. */
final class StatusJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  record AgentInfo(String version, Instant startedAt, boolean lastReloadOk, Instant lastReloadAt) {}

  private StatusJson() {}

  static JsonNode render(CartprobeConfig config, PairStates states, Scheduler scheduler, AgentInfo info) {
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
        PairStates.PairState state = states.get(key);
        ObjectNode node = probes.addObject();
        node.put("probe", probe.name());
        node.put("env", env);
        node.put("type", probe.type());
        node.put("state", state.health().name().toLowerCase(Locale.ROOT));
        node.put("interval_seconds", probe.interval().toMillis() / 1000.0);
        node.put("interval_when_failing_seconds", probe.intervalWhenFailing().toMillis() / 1000.0);
        node.put("consecutive_failures", state.consecutiveFailures());
        if (state.failingSince().isPresent()) {
          node.put("failing_since", state.failingSince().get().toString());
        } else {
          node.putNull("failing_since");
        }
        ObjectNode runs = node.putObject("runs");
        runs.put("success", state.successes());
        runs.put("failure", state.failures());
        runs.put("degraded", state.degraded());
        scheduler.status(key).ifPresent((PairStatus s) -> {
          node.put("next_run_at", s.nextDue().toString());
          node.put("running", s.running());
        });
        node.set("last_result", state.last().<JsonNode>map(ResultJson::toJson).orElse(NODES.nullNode()));
      }
    }
    root.putArray("alerts");
    return root;
  }
}
