package io.cartprobe.cli;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigError;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -c FILE}, else {@code $CARTPROBE_CONFIG}, else {@code ./probes.yaml}. */
final class ConfigOption {

  static final String ENV_VAR = "CARTPROBE_CONFIG";

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "probes.yaml to use (default: $CARTPROBE_CONFIG, else ./probes.yaml)")
  Path file;

  Path resolve(CliContext context) {
    if (file != null) {
      return context.workingDirectory().resolve(file);
    }
    String fromEnv = context.environment().get(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return context.workingDirectory().resolve(fromEnv);
    }
    return context.workingDirectory().resolve("probes.yaml");
  }

  /** The path as the user wrote it (or the default), for messages. */
  String displayName(CliContext context) {
    Path resolved = resolve(context);
    Path cwd = context.workingDirectory();
    return resolved.startsWith(cwd) ? cwd.relativize(resolved).toString() : resolved.toString();
  }

  /** What is valid but risky, like a compiler's warnings: on stderr, so stdout stays the output. */
  static void printWarnings(CartprobeConfig config, java.io.PrintWriter err) {
    config.warnings().forEach(w -> err.println(w.format()));
    err.flush();
  }

  CartprobeConfig load(CliContext context) throws ConfigException {
    Path path = resolve(context);
    String display = displayName(context);
    String yaml;
    try {
      yaml = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(new ConfigError(display, 1, 1,
          "no such file (name one with -c FILE or $" + ENV_VAR + ")")));
    } catch (IOException | UncheckedIOException e) {
      throw new ConfigException(List.of(new ConfigError(display, 1, 1,
          "cannot read config file: " + e.getMessage())));
    }
    return new ConfigLoader(context.environment()).parse(display, yaml, path.getParent());
  }
}
