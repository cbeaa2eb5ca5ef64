package io.cartprobe.cli;

import io.cartprobe.Words;
import io.cartprobe.config.CartprobeConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
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
}
