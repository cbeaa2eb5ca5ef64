package io.cartprobe.config;

import java.nio.file.Path;
import java.util.Map;

/** Reads probes.yaml into a {@link CartprobeConfig}, reporting every error at once. */
public final class ConfigLoader {

  private final Map<String, String> processEnvironment;

  public ConfigLoader(Map<String, String> processEnvironment) {
    this.processEnvironment = Map.copyOf(processEnvironment);
  }

  public CartprobeConfig load(Path file) throws ConfigException {
    throw new UnsupportedOperationException("being written");
  }

  /** Parses YAML text; {@code displayName} is used in messages, {@code baseDir} for relative ${file:} paths. */
  public CartprobeConfig parse(String displayName, String yaml, Path baseDir) throws ConfigException {
    throw new UnsupportedOperationException("being written");
  }
}
