package io.cartprobe.server;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code /probe} is asked to run. Our names ({@code probe}, {@code env}) or
 * blackbox_exporter's ({@code module}, {@code target}), so a Prometheus Operator {@code Probe}
 * resource or an existing blackbox scrape config drives it unchanged.
 */
record ProbeQuery(String probe, String environment, Optional<String> variant) {

  /** A query that cannot be run, and why (answered with 400). */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  static ProbeQuery from(Map<String, String> query) throws Refused {
    String probe = either(query, "probe", "module");
    String env = either(query, "env", "target");
    if (probe == null || env == null) {
      throw new Refused("give both ?probe=NAME&env=ENV (or blackbox_exporter's ?module=NAME&target=ENV)");
    }
    // The agent checks the variant against the probe's matrix (and lists the ones it has).
    Optional<String> variant = Optional.ofNullable(query.get("variant")).filter(v -> !v.isEmpty());
    return new ProbeQuery(probe, env, variant);
  }

  private static String either(Map<String, String> query, String ours, String blackbox)
      throws Refused {
    String a = query.get(ours);
    String b = query.get(blackbox);
    if (a != null && b != null && !a.equals(b)) {
      throw new Refused(ours + "=" + a + " and " + blackbox + "=" + b + " disagree: give one");
    }
    return a != null ? a : b;
  }
}
