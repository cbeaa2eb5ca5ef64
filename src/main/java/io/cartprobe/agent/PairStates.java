package io.cartprobe.agent;

import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import io.cartprobe.schedule.PairKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The latest result and running counts per probe × environment: what /api/status reports. */
final class PairStates {

  /** Passing, degraded or failing, as the last run left it; no data before the first run. */
  enum Health { NO_DATA, PASSING, DEGRADED, FAILING }

  record PairState(
      Optional<ProbeResult> last,
      long successes,
      long failures,
      long degraded,
      int consecutiveFailures,
      Optional<Instant> failingSince) {

    static final PairState EMPTY =
        new PairState(Optional.empty(), 0, 0, 0, 0, Optional.empty());

    Health health() {
      return last.map(r -> switch (r.verdict()) {
        case SUCCESS -> Health.PASSING;
        case DEGRADED -> Health.DEGRADED;
        case FAILURE -> Health.FAILING;
      }).orElse(Health.NO_DATA);
    }

    PairState after(ProbeResult result) {
      boolean failed = result.verdict() == Verdict.FAILURE;
      return new PairState(
          Optional.of(result),
          successes + (result.verdict() == Verdict.SUCCESS ? 1 : 0),
          failures + (failed ? 1 : 0),
          degraded + (result.verdict() == Verdict.DEGRADED ? 1 : 0),
          failed ? consecutiveFailures + 1 : 0,
          failed ? failingSince.or(() -> Optional.of(result.startedAt())) : Optional.empty());
    }
  }

  /** What recording a result changed: the state before and after. */
  record Transition(PairState before, PairState after) {
    boolean healthChanged() {
      return before.health() != after.health();
    }
  }

  private final Map<PairKey, PairState> states = new ConcurrentHashMap<>();

  Transition record(ProbeResult result) {
    PairKey key = new PairKey(result.probe(), result.environment());
    PairState[] before = new PairState[1];
    PairState after = states.compute(key, (k, old) -> {
      before[0] = old == null ? PairState.EMPTY : old;
      return before[0].after(result);
    });
    return new Transition(before[0], after);
  }

  PairState get(PairKey key) {
    return states.getOrDefault(key, PairState.EMPTY);
  }

  /** After a reload: forget pairs that no longer exist, keep the rest untouched. */
  void retain(Set<PairKey> pairs) {
    states.keySet().retainAll(pairs);
  }
}
