package io.cartprobe.schedule;

import io.cartprobe.config.ProbeConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the scheduler needs to know about a pair: its key and its two intervals. Record
 * equality is the definition of "unchanged" on a reload: a pair whose key and intervals are
 * equal keeps its next-due time and its failing state.
 */
public record ScheduledPair(PairKey key, Duration interval, Duration intervalWhenFailing) {

  public ScheduledPair {
    Objects.requireNonNull(key, "key");
    requirePositive(interval, "interval");
    requirePositive(intervalWhenFailing, "intervalWhenFailing");
  }

  /** The interval in force: {@code intervalWhenFailing} while the pair's last run failed. */
  public Duration interval(boolean failing) {
    return failing ? intervalWhenFailing : interval;
  }

  /** One pair per environment the probe runs in and variant of its matrix. */
  public static List<ScheduledPair> of(ProbeConfig probe) {
    return probe.environments().stream()
        .flatMap(env -> probe.variants().stream().map(v -> new ScheduledPair(
            new PairKey(probe.name(), env, v.id()), probe.interval(), probe.intervalWhenFailing())))
        .toList();
  }

  /** Every (probe, environment, variant) pair of a config, in the file's order. */
  public static List<ScheduledPair> of(Collection<? extends ProbeConfig> probes) {
    return probes.stream().flatMap(p -> of(p).stream()).toList();
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
