package io.cartprobe.config;

import java.util.Optional;

/**
 * How cartprobe connects and authenticates: {@code tls:} and {@code auth:}, written on an
 * environment and overridable per probe and per step. A step runs with
 * {@code forProbe(env, probe).forStep(step)}.
 */
public record ClientSettings(TlsConfig tls, Optional<AuthConfig> auth) {

  public static final ClientSettings NONE = new ClientSettings(TlsConfig.NONE, Optional.empty());

  /** TLS field by field, auth as a whole: half of one scheme's keys mixed with another's is never meant. */
  public ClientSettings over(ClientSettings more) {
    return new ClientSettings(tls.over(more.tls), more.auth.or(() -> auth));
  }

  /** What the steps of {@code probe} inherit in {@code env}. */
  public static ClientSettings forProbe(Environment env, ProbeConfig probe) {
    return env.client().over(probe.client());
  }

  /** The settings {@code step} runs with; {@code auth: none} at the last level that sets auth leaves none. */
  public ClientSettings forStep(Step step) {
    ClientSettings merged = over(step.client());
    return merged.auth.orElse(null) instanceof AuthConfig.None
        ? new ClientSettings(merged.tls, Optional.empty()) : merged;
  }
}
