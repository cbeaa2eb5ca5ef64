package io.cartprobe.watch;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.ProviderStatusProbe;
import io.cartprobe.config.Step;
import java.util.List;
import java.util.Optional;

/**
 * Which evidence probes can explain a failing step: those its {@code gateway:} key names, else
 * the environment's gateway-config probes whose component is the step's own (the gateway answered
 * the step). A step owned by anyone else has no gateway evidence, whatever the gateway did.
 *
 * @param probes the evidence probes, in config order
 * @param how the link in words, for the cause's "why"
 */
record EvidenceLinks(Step step, List<String> probes, String how) {

  static EvidenceLinks of(CartprobeConfig config, String checkout, String env, String stepName) {
    Optional<Step> step = config.probe(checkout)
        .filter(CheckoutProbe.class::isInstance).map(CheckoutProbe.class::cast)
        .flatMap(p -> p.steps().stream().filter(s -> s.name().equals(stepName)).findFirst());
    if (step.isEmpty()) {
      return new EvidenceLinks(null, List.of(), "");
    }
    List<GatewayConfigProbe> evidence = config.probes().stream()
        .filter(GatewayConfigProbe.class::isInstance).map(GatewayConfigProbe.class::cast)
        .filter(p -> p.environments().contains(env))
        .toList();
    Step s = step.get();
    if (!s.gateway().isEmpty()) {
      return new EvidenceLinks(s, evidence.stream().map(ProbeConfig::name)
          .filter(s.gateway()::contains).toList(), "named in its gateway: key");
    }
    return new EvidenceLinks(s, evidence.stream()
        .filter(p -> p.check().component().equals(s.component()))
        .map(ProbeConfig::name).toList(), "same component");
  }

  /**
   * The environment's provider-status probes whose word can bear on the failing step, by the
   * same rule: named in its {@code gateway:} key, else of the step's own component. A provider's
   * incident says nothing about a step the provider never answered.
   */
  static List<ProviderStatusProbe> providers(CartprobeConfig config, String checkout, String env,
      String stepName) {
    Optional<Step> step = config.probe(checkout)
        .filter(CheckoutProbe.class::isInstance).map(CheckoutProbe.class::cast)
        .flatMap(p -> p.steps().stream().filter(s -> s.name().equals(stepName)).findFirst());
    if (step.isEmpty()) {
      return List.of();
    }
    Step s = step.get();
    return config.probes().stream()
        .filter(ProviderStatusProbe.class::isInstance).map(ProviderStatusProbe.class::cast)
        .filter(p -> p.environments().contains(env))
        .filter(p -> s.gateway().isEmpty() ? p.check().component().equals(s.component())
            : s.gateway().contains(p.name()))
        .toList();
  }

  String stepInWords() {
    return step == null ? "the failing step" : step.name() + " (" + step.component() + ")";
  }
}
