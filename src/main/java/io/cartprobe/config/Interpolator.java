package io.cartprobe.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${file:PATH}} in one scalar;
 * {@code $${} is a literal {@code ${}. The environment is injected, never read from the
 * process, so loading is deterministic and testable.
 */
final class Interpolator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> environment;
  private final Path baseDir;

  Interpolator(Map<String, String> environment, Path baseDir) {
    this.environment = environment;
    this.baseDir = baseDir;
  }

  /** Where relative paths are read from: the config file's directory; null for none. */
  Path baseDir() {
    return baseDir;
  }

  /**
   * One reference as written ({@code ${GW_KEY}}) and the text it was replaced with;
   * {@code defaulted} when that text is the default written in the file itself.
   */
  record Substitution(String reference, String value, boolean defaulted) {}

  /** The text with every reference replaced, what went wrong (each a message), and what was replaced. */
  record Result(String value, List<String> errors, List<Substitution> substitutions) {}

  Result apply(String text) {
    if (!text.contains("${")) {
      return new Result(text, List.of(), List.of());
    }
    StringBuilder out = new StringBuilder();
    List<String> errors = new ArrayList<>();
    List<Substitution> substitutions = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          errors.add("unterminated '${' (write $${ for a literal '${')");
          out.append(text, i, text.length());
          break;
        }
        Substitution sub = resolve(text.substring(i, close + 1), errors);
        substitutions.add(sub);
        out.append(sub.value());
        i = close + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return new Result(out.toString(), List.copyOf(errors), List.copyOf(substitutions));
  }

  /** @param written the whole reference, {@code ${...}} */
  private Substitution resolve(String written, List<String> errors) {
    String reference = written.substring(2, written.length() - 1);
    if (reference.startsWith("file:")) {
      return new Substitution(written, readFile(reference.substring("file:".length()), errors), false);
    }
    int dash = reference.indexOf(":-");
    String name = dash < 0 ? reference : reference.substring(0, dash);
    if (!NAME.matcher(name).matches()) {
      errors.add("invalid reference '${" + reference + "}' (expected ${NAME}, ${NAME:-default} or ${file:PATH})");
      return new Substitution(written, "", true);
    }
    String value = environment.get(name);
    if (dash >= 0 && (value == null || value.isEmpty())) {
      // Like the shell's ${VAR:-x}: an empty variable takes the default too.
      return new Substitution(written, reference.substring(dash + 2), true);
    }
    if (value == null) {
      errors.add("environment variable " + name + " is not set (write ${" + name + ":-default} to give a default)");
      return new Substitution(written, "", true);
    }
    return new Substitution(written, value, false);
  }

  private String readFile(String pathText, List<String> errors) {
    if (pathText.isBlank()) {
      errors.add("empty path in '${file:}'");
      return "";
    }
    Path resolved;
    try {
      Path path = Path.of(pathText);
      resolved = path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path);
    } catch (InvalidPathException e) {
      errors.add(cannotRead(pathText, "invalid path"));
      return "";
    }
    try {
      String content = StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(resolved))).toString();
      // Mounted secrets and `echo x > file` end with a newline that is not part of the value.
      if (content.endsWith("\r\n")) return content.substring(0, content.length() - 2);
      if (content.endsWith("\n")) return content.substring(0, content.length() - 1);
      return content;
    } catch (NoSuchFileException e) {
      errors.add(cannotRead(pathText, "no such file"));
    } catch (AccessDeniedException e) {
      errors.add(cannotRead(pathText, "permission denied"));
    } catch (CharacterCodingException e) {
      errors.add(cannotRead(pathText, "not UTF-8 text"));
    } catch (IOException e) {
      errors.add(cannotRead(pathText, Files.isDirectory(resolved) ? "is a directory" : String.valueOf(e.getMessage())));
    } catch (OutOfMemoryError e) {
      errors.add(cannotRead(pathText, "too large"));
    }
    return "";
  }

  private static String cannotRead(String path, String reason) {
    return "cannot read file '" + path + "': " + reason;
  }
}
