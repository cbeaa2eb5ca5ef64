package io.cartprobe.cli;

import io.cartprobe.Words;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.result.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cartprobe validate}: every error of the file at once, like a compiler. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check the config file and print every error in it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the file is valid", "2:the file has errors (each printed as FILE:LINE:COLUMN: message)"})
final class ValidateCommand implements Callable<Integer> {

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;

  enum Format { text, json }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (compiler-like lines) or json ({schema_version, file, valid, errors: "
          + "[{file, line, column, key, message}], warnings, summary})")
  Format format;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (format == Format.json) {
      return json();
    }
    CartprobeConfig loaded = config.load(context);
    ConfigOption.printWarnings(loaded, spec.commandLine().getErr());
    BrowserCheck.warning(loaded, context.environment()).ifPresent(w ->
        spec.commandLine().getErr().println(config.displayName(context) + ": warning: " + w));
    spec.commandLine().getErr().flush();
    int pairs = loaded.probes().stream().mapToInt(p -> p.environments().size()).sum();
    spec.commandLine().getOut().printf("%s: valid: %s in %s (%s per round), %s, %s%n",
        config.displayName(context),
        Words.count(loaded.probes().size(), "probe"),
        Words.count(loaded.environments().size(), "environment"),
        Words.count(pairs, "run"),
        Words.count(loaded.alerts().size(), "alert"),
        Words.count(loaded.webhooks().size(), "webhook"));
    return 0;
  }

  /** The same verdict and exit code, as one document on stdout: errors are data here. */
  private int json() {
    String file = config.displayName(context);
    ConfigJson.Validation document;
    try {
      document = ConfigJson.valid(file, config.load(context));
    } catch (ConfigException e) {
      document = ConfigJson.invalid(file, e.errors());
    }
    spec.commandLine().getOut().println(Json.pretty(document));
    spec.commandLine().getOut().flush();
    return document.valid() ? 0 : ErrorHandler.EXIT_CONFIG;
  }
}
