package io.cartprobe.alert;

/**
 * One alert instance: an alert rule applied to one probe in one environment and one variant of
 * the probe's matrix ({@code ""} without one).
 */
public record AlertKey(String alert, String probe, String env, String variant) {

  public AlertKey {
    variant = variant == null ? "" : variant;
  }

  public AlertKey(String alert, String probe, String env) {
    this(alert, probe, env, "");
  }

  /** {@code checkout-failing{checkout[amex]@production}}. */
  @Override
  public String toString() {
    return alert + "{" + probe + (variant.isEmpty() ? "" : "[" + variant + "]") + "@" + env + "}";
  }
}
