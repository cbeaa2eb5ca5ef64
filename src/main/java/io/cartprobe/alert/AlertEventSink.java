package io.cartprobe.alert;

/**
 * Where the alert engine's decisions go besides the webhooks: history records firing and
 * resolved transitions next to the runs. Told after the notification is queued and saved.
 */
@FunctionalInterface
public interface AlertEventSink {

  void accept(AlertEvent event);
}
