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

  /** The probe's {@code matrix:}; {@link Matrix#NONE} for probes without one. */
  default Matrix matrix() {
    return Matrix.NONE;
  }

  /** Every variant, each its own pair per environment; {@code [Variant.NONE]} without a matrix. */
  default List<Variant> variants() {
    return matrix().variants();
  }

  /** The variant by id, if the probe has it ({@code ""} is the only one without a matrix). */
  default java.util.Optional<Variant> variant(String id) {
    return variants().stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** The probe as one variant runs it: the variant's values are vars. */
  default ProbeConfig forVariant(Variant variant) {
    return this;
  }

  default ProbeType type() {
    return switch (this) {
      case CheckoutProbe c -> ProbeType.CHECKOUT;
      case GatewayConfigProbe g -> ProbeType.GATEWAY_CONFIG;
      case ProviderStatusProbe p -> ProbeType.PROVIDER_STATUS;
    };
  }
}
