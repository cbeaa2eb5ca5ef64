package io.cartprobe.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/**
 * Collects every error of one file instead of stopping at the first: a user fixing a config
 * wants the whole list in one go, like a compiler gives it.
 */
final class Diagnostics {

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();
  private final List<ConfigError> warnings = new ArrayList<>();

  Diagnostics(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** {@code path} is the key path of the offending value; empty for the document itself. */
  void report(Mark at, String path, String message) {
    int line = at == null ? 1 : at.getLine() + 1;
    int column = at == null ? 1 : at.getColumn() + 1;
    errors.add(new ConfigError(file, line, column, path.isEmpty() ? message : path + ": " + message));
  }

  /** Something valid but risky, said where it is written; the file still loads. */
  void warn(Mark at, String path, String message) {
    int line = at == null ? 1 : at.getLine() + 1;
    int column = at == null ? 1 : at.getColumn() + 1;
    warnings.add(new ConfigError(file, line, column, "warning: " + (path.isEmpty() ? message : path + ": " + message)));
  }

  List<ConfigError> warnings() {
    List<ConfigError> unique = new ArrayList<>(new LinkedHashSet<>(warnings));
    unique.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    return unique;
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /**
   * In file order (stable, so errors at one spot keep the order they were found in), without
   * repeats: a value reached twice through a YAML alias must not be reported twice.
   */
  List<ConfigError> sorted() {
    List<ConfigError> unique = new ArrayList<>(new LinkedHashSet<>(errors));
    unique.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    return unique;
  }

  ConfigException exception() {
    return new ConfigException(sorted());
  }
}
