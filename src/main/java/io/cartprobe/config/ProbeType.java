package io.cartprobe.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of probe, a closed set: the YAML reader maps {@code type:} to one of these, and every
 * other package switches on it rather than comparing strings.
 */
public enum ProbeType {
  /** A multi-step flow through the shop, the thing that must not break. */
  CHECKOUT("checkout"),
  /** One read of the payment gateway's configuration, watched for changes: evidence. */
  GATEWAY_CONFIG("gateway-config"),
  /** One read of the payment provider's own status page (Statuspage v2): evidence too. */
  PROVIDER_STATUS("provider-status");

  private final String wireName;

  ProbeType(String wireName) {
    this.wireName = wireName;
  }

  /** As written in probes.yaml and in every JSON form. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Evidence probes are run for a failing checkout and quoted in its probable cause: a
   * gateway-config probe's change or failure, a provider-status probe's open incident.
   */
  public boolean isEvidence() {
    return this == GATEWAY_CONFIG || this == PROVIDER_STATUS;
  }

  public static Optional<ProbeType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
