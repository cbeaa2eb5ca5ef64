package io.cartprobe.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A probe of probes.yaml: one of the known probe types. */
public sealed interface ProbeConfig permits CheckoutProbe, GatewayConfigProbe,
    ProviderStatusProbe {

  String name();

  /** Environment names this probe runs against, resolved (never empty once loaded). */
  List<String> environments();

  Duration interval();

  /** Hard deadline on the whole flow's wall time, cleanup excluded. */
  Duration timeout();

  Duration intervalWhenFailing();

  int retries();

  /** Probe-level template variables; they override the environment's. */
  Map<String, String> vars();

  /** {@code tls:} and {@code auth:} of the probe: over the environment's, under a step's. */
  ClientSettings client();

  /** The steps in order; a gateway-config or provider-status probe has exactly one. */
  List<Step> steps();

  /** The same probe with another whole-flow deadline (e.g. a shorter scrape timeout). */
  ProbeConfig withTimeout(Duration timeout);

  default ProbeType type() {
    return switch (this) {
      case CheckoutProbe c -> ProbeType.CHECKOUT;
      case GatewayConfigProbe g -> ProbeType.GATEWAY_CONFIG;
      case ProviderStatusProbe p -> ProbeType.PROVIDER_STATUS;
    };
  }
}
