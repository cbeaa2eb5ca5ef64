package io.cartprobe.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** The faults currently switched on; shared by the shop environments and the gateway. Thread-safe. */
public final class Faults {

  /** With {@link Fault#FLAKY}, every {@code FLAKY_PERIOD}-th request of a scope fails. */
  static final int FLAKY_PERIOD = 3;

  private final Set<Fault> active = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<Fault, Instant> since = new ConcurrentHashMap<>();
  private final Clock clock;
  private final ConcurrentMap<String, AtomicLong> flakyCounters = new ConcurrentHashMap<>();

  Faults(Collection<Fault> initial) {
    this(initial, Clock.systemUTC());
  }

  /** @param clock stamps when each fault was switched on (the status page's incident start) */
  Faults(Collection<Fault> initial, Clock clock) {
    this.clock = clock;
    initial.forEach(this::enable);
  }

  /** Switches a fault on; returns false if it already was. Enabling {@code flaky} restarts its count. */
  public boolean enable(Fault fault) {
    boolean added = active.add(fault);
    if (added) {
      since.put(fault, clock.instant());
    }
    if (added && fault == Fault.FLAKY) {
      flakyCounters.clear();
    }
    return added;
  }

  /** Switches a fault off; returns false if it was not on. */
  public boolean disable(Fault fault) {
    since.remove(fault);
    return active.remove(fault);
  }

  public void clear() {
    active.clear();
    since.clear();
  }

  /** When the fault was switched on; empty while it is off. */
  Optional<Instant> activeSince(Fault fault) {
    return Optional.ofNullable(since.get(fault)).filter(t -> isActive(fault));
  }

  public boolean isActive(Fault fault) {
    return active.contains(fault);
  }

  /** A snapshot, in declaration order. */
  public Set<Fault> active() {
    var snapshot = EnumSet.noneOf(Fault.class);
    snapshot.addAll(active);
    return snapshot;
  }

  /**
   * Counts one request of {@code scope} (a shop environment) and says whether {@code flaky} makes
   * it fail: the 3rd, 6th, 9th... request since the fault was switched on.
   */
  boolean flakyStrikes(String scope) {
    if (!isActive(Fault.FLAKY)) {
      return false;
    }
    long n = flakyCounters.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
    return n % FLAKY_PERIOD == 0;
  }
}
