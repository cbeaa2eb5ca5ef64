package io.cartprobe.alert;

/** One alert instance: an alert rule applied to one probe in one environment. */
public record AlertKey(String alert, String probe, String env) {

  @Override
  public String toString() {
    return alert + "{" + probe + "@" + env + "}";
  }
}
