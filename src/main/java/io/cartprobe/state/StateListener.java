package io.cartprobe.state;

/** What the state database reports as it works: the agent turns these into metrics. */
public interface StateListener {

  StateListener NONE = new StateListener() {};

  /** A damaged or foreign file was moved aside and the agent started fresh. */
  default void movedAside(StateProblem why) {}

  /** A batch could not be written (it is retried while memory allows). */
  default void writeFailed(StateProblem why) {}

  /** Writes were given up on: the queue was full, or the disk failed for too long. */
  default void writesDropped(int count) {}

  /** A batch of {@code ops} writes was committed in one transaction. */
  default void committed(int ops) {}
}
