package io.cartprobe.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where {@code insecure_skip_verify} is in effect: said wherever a person looks at cartprobe. */
public final class InsecureTls {

  private InsecureTls() {}

  /** "probe @ env" for every pair with a step that connects without verifying certificates. */
  public static List<String> pairs(CartprobeConfig config) {
    List<String> out = new ArrayList<>();
    for (ProbeConfig probe : config.probes()) {
      List<Step> steps = switch (probe) {
        case CheckoutProbe c -> Stream.concat(c.steps().stream(), c.cleanup().stream()).toList();
        case GatewayConfigProbe g -> g.steps();
        case ProviderStatusProbe p -> p.steps();
      };
      for (String envName : probe.environments()) {
        Environment env = config.environments().get(envName);
        if (env == null) {
          continue;
        }
        ClientSettings inherited = ClientSettings.forProbe(env, probe);
        if (steps.stream().anyMatch(s -> inherited.forStep(s).tls().insecure())) {
          out.add(probe.name() + " @ " + envName);
        }
      }
    }
    return out;
  }

  /** One sentence for logs and the status page; empty when verification is on everywhere. */
  public static java.util.Optional<String> warning(CartprobeConfig config) {
    List<String> pairs = pairs(config);
    return pairs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(
        "TLS certificate verification is off (insecure_skip_verify) for " + String.join(", ", pairs));
  }
}
