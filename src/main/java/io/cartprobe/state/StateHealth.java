package io.cartprobe.state;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether state is being saved right now, for {@code /readyz} and the metrics. The agent keeps
 * probing whatever this says: losing its memory must never stop monitoring.
 */
public final class StateHealth {

  /** A problem and the sentence that names the file and what is wrong with it. */
  public record Trouble(StateProblem problem, String message) {}

  private final AtomicReference<Trouble> trouble = new AtomicReference<>();

  /** Empty while writes succeed. */
  public Optional<Trouble> trouble() {
    return Optional.ofNullable(trouble.get());
  }

  public boolean writable() {
    return trouble.get() == null;
  }

  /** @return true when this is news (the first failure, or a different one) */
  boolean failing(Trouble now) {
    Trouble before = trouble.getAndSet(now);
    return before == null || before.problem() != now.problem();
  }

  /** @return true when this ends a failure */
  boolean recovered() {
    return trouble.getAndSet(null) != null;
  }
}
