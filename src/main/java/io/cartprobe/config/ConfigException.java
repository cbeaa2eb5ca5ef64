package io.cartprobe.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used, with every error found in it. */
public final class ConfigException extends Exception {

  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::format).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
