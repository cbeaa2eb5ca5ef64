package io.cartprobe.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;

/**
 * Collects every error of one file instead of stopping at the first: a user fixing a config
 * wants the whole list in one go, like a compiler gives it.
 */
final class Diagnostics {

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();
  private final List<ConfigError> warnings = new ArrayList<>();
  /** Interpolated values (longest first when replaced) and the reference each came from. */
  private final Map<String, String> hidden = new LinkedHashMap<>();

  Diagnostics(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /**
   * A value from {@code ${...}} that no message may print: where a reader's message still
   * holds it, the reference is printed instead: a safety net under the readers, which print
   * no interpolated value themselves. Short values are left out (replacing "30s" or "staging"
   * everywhere would garble messages); secrets are longer.
   */
  void hide(String value, String reference) {
    if (value.length() >= MIN_HIDDEN) {
      hidden.putIfAbsent(value, reference);
    }
  }

  private static final int MIN_HIDDEN = 8;

  /** {@code path} is the key path of the offending value; empty for the document itself. */
  void report(Mark at, String path, String message) {
    int line = at == null ? 1 : at.getLine() + 1;
    int column = at == null ? 1 : at.getColumn() + 1;
    errors.add(new ConfigError(file, line, column, scrub(path.isEmpty() ? message : path + ": " + message),
        scrub(path)));
  }

  /**
   * Reports at the first place {@code snippet} is written in the source between two marks (a
   * scalar's start and end), so the column points at it; else at {@code start}.
   */
  void reportWithin(Mark start, Mark end, String snippet, String path, String message) {
    report(SourceSpan.find(start, end, snippet).orElse(start), path, message);
  }

  private String scrub(String message) {
    String out = message;
    for (String value : hidden.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
      out = out.replace(value, hidden.get(value));
    }
    return out;
  }

  /** Something valid but risky, said where it is written; the file still loads. */
  void warn(Mark at, String path, String message) {
    int line = at == null ? 1 : at.getLine() + 1;
    int column = at == null ? 1 : at.getColumn() + 1;
    warnings.add(new ConfigError(file, line, column,
        "warning: " + (path.isEmpty() ? message : path + ": " + message), path));
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
