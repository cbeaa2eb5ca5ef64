package io.cartprobe.probe;

import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.Environment;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Step;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Whether a run may open a TLS connection through the probe client, judged before it starts,
 * so that the client's TLS warm-up (the default trust store and the first handshake's key
 * share: 100-200 ms of CPU in a cold JVM) is paid only by configs that use TLS. It says no only
 * when every request's URL, with the probe's and the environment's vars, is plain http and no
 * level sets {@code auth:} (a token endpoint is another URL). A URL built from a value an
 * earlier step extracts is not known yet and counts as TLS. A plain-http URL that redirects to
 * https has its first handshake cold.
 */
final class TlsNeed {

  private TlsNeed() {}

  static boolean mayUseTls(ProbeConfig probe, Environment env, Clock clock,
      RandomGenerator random) {
    if (env.client().auth().isPresent() || probe.client().auth().isPresent()) {
      return true;
    }
    List<Step> steps = new ArrayList<>(probe.steps());
    if (probe instanceof CheckoutProbe checkout) {
      steps.addAll(checkout.cleanup());
    }
    TemplateScope scope = new TemplateScope(Map.of(), probe.vars(), env, probe.name(), clock,
        random);
    for (Step step : steps) {
      if (step.client().auth().isPresent() || !plainHttp(step, scope)) {
        return true;
      }
    }
    return false;
  }

  private static boolean plainHttp(Step step, TemplateScope scope) {
    if (!step.browser().isEmpty()) {
      return true; // Chromium makes its own connections
    }
    try {
      String url = Templates.render(step.request().url(), scope);
      return url != null && url.regionMatches(true, 0, "http://", 0, 7);
    } catch (TemplateException e) {
      return false;
    }
  }
}
