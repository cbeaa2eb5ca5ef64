package io.cartprobe.probe;

import io.cartprobe.config.Environment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Where a template name finds its value, in the contract's order: values extracted by earlier
 * steps, the probe's vars, the environment's vars, {@code secret.NAME}, then built-ins.
 */
public record TemplateScope(
    Map<String, String> extracted,
    Map<String, String> probeVars,
    Environment environment,
    String probeName,
    Clock clock,
    RandomGenerator random) {

  private static final String SECRET_PREFIX = "secret.";

  public Optional<String> resolve(String name) {
    if (extracted.containsKey(name)) {
      return Optional.of(extracted.get(name));
    }
    if (probeVars.containsKey(name)) {
      return Optional.of(probeVars.get(name));
    }
    if (environment.vars().containsKey(name)) {
      return Optional.of(environment.vars().get(name));
    }
    if (name.startsWith(SECRET_PREFIX)) {
      return Optional.ofNullable(environment.secrets().get(name.substring(SECRET_PREFIX.length())));
    }
    return builtIn(name);
  }

  private Optional<String> builtIn(String name) {
    return Optional.ofNullable(switch (name) {
      case "uuid" -> new UUID(random.nextLong() & ~0xF000L | 0x4000L,
          random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
      case "now_unix" -> Long.toString(clock.instant().getEpochSecond());
      case "now_iso" -> Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
      case "random_int" -> Integer.toString(random.nextInt(1_000_000_000));
      case "env_name" -> environment.name();
      case "probe_name" -> probeName;
      default -> null;
    });
  }
}
