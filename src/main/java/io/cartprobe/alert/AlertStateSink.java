package io.cartprobe.alert;

/**
 * Where {@link Alerting} writes its state after every transition and delivery outcome. The agent
 * implements it by putting {@link AlertStateJson#toJson} under {@code "alerts"} in its own state
 * file. Must write durably before returning: a notification is only sent after the state that
 * records it is saved.
 */
@FunctionalInterface
public interface AlertStateSink {

  AlertStateSink NONE = state -> {};

  void save(AlertState state);
}
