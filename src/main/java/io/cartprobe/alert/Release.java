package io.cartprobe.alert;

import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an instance's notifications may go out now: not while a silence covers it, and not
 * while an {@code inhibited_by} alert of the same environment fires — nor for a grace after that
 * alert resolves. The grace is how long the inhibited probe takes to resolve in the ordinary
 * recovery order (the gateway recovers first, the checkout's next runs pass): its
 * {@code interval_when_failing}, plus {@code interval} for each further good run
 * {@code resolve_after} asks for, plus a tenth (at least 5 s) for jitter and run time. So the end
 * of an incident sends nothing for the alert that was inhibited throughout.
 */
final class Release {

  static final Duration MIN_SLACK = Duration.ofSeconds(5);

  private final List<Silence> silences;
  private final Map<String, ProbeConfig> probes = new HashMap<>();

  Release(List<Silence> silences, List<ProbeConfig> probes) {
    this.silences = List.copyOf(silences);
    probes.forEach(p -> this.probes.put(p.name(), p));
  }

  boolean silenced(AlertInstance instance, Instant now) {
    for (Silence s : silences) {
      if (s.covers(instance.key.probe(), instance.key.env(), now)) {
        return true;
      }
    }
    return false;
  }

  /** Held back by an inhibitor that fires, or that resolved less than the grace ago. */
  boolean inhibited(AlertInstance instance, Collection<AlertInstance> all, Instant now) {
    if (instance.rule.inhibitedBy().isEmpty()) {
      return false;
    }
    Duration grace = grace(instance);
    for (AlertInstance other : all) {
      if (other != instance
          && instance.rule.inhibitedBy().contains(other.key.alert())
          && other.key.env().equals(instance.key.env())
          // A variant's alert is held back by the same variant's, or by a probe without variants.
          && (other.key.variant().isEmpty() || other.key.variant().equals(instance.key.variant()))
          && (other.firing() || other.state == InstanceState.RESOLVED && other.since != null
              && now.isBefore(other.since.plus(grace)))) {
        return true;
      }
    }
    return false;
  }

  Duration grace(AlertInstance instance) {
    ProbeConfig probe = probes.get(instance.key.probe());
    if (probe == null) {
      return MIN_SLACK;
    }
    Duration recovery = probe.intervalWhenFailing()
        .plus(probe.interval().multipliedBy(Math.max(0, instance.rule.resolveAfter() - 1)));
    Duration slack = recovery.dividedBy(10);
    return recovery.plus(slack.compareTo(MIN_SLACK) < 0 ? MIN_SLACK : slack);
  }
}
