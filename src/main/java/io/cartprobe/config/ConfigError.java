package io.cartprobe.config;

/**
 * One problem in a config file, located like a compiler diagnostic.
 *
 * @param message the whole text after the location, the key path first when there is one
 * @param key the key path of the offending value ({@code probes[0].interval}); empty for the
 *     document itself (YAML syntax, an unreadable file)
 */
public record ConfigError(String file, int line, int column, String message, String key) {

  public ConfigError(String file, int line, int column, String message) {
    this(file, line, column, message, "");
  }

  /** {@code probes.yaml:14:7: unknown key 'intreval' (did you mean 'interval'?)} */
  public String format() {
    return file + ":" + line + ":" + column + ": " + message;
  }

  /**
   * The message without a warning's {@code warning: } and the leading key path, for outputs that
   * carry the key (and whether it is a warning) on their own.
   */
  public String detail() {
    String text = message.startsWith(WARNING) ? message.substring(WARNING.length()) : message;
    String prefix = key + ": ";
    return !key.isEmpty() && text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  private static final String WARNING = "warning: ";
}
