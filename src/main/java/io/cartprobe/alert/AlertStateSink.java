package io.cartprobe.alert;

/**
 * Where {@link Alerting} hands its state after every transition and delivery outcome, under its
 * lock: so it must return at once. The agent's state database queues it for its writer thread,
 * which commits within 250 ms (docs/state.md); a notification may go out before that commit.
 */
@FunctionalInterface
public interface AlertStateSink {

  AlertStateSink NONE = state -> {};

  void save(AlertState state);
}
