package io.cartprobe.config;

/** One problem in a config file, located like a compiler diagnostic. */
public record ConfigError(String file, int line, int column, String message) {

  /** {@code probes.yaml:14:7: unknown key 'intreval' (did you mean 'interval'?)} */
  public String format() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
