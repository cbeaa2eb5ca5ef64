package io.cartprobe.cli;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.slo.SloRules;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cartprobe slo-rules}: the SLOs as Prometheus recording rules and burn-rate alerts. */
@Command(
    name = "slo-rules",
    mixinStandardHelpOptions = true,
    description = "Print Prometheus recording rules and multi-window burn-rate alerts for every SLO.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:bad config file, or no slos defined"})
final class SloRulesCommand implements Callable<Integer> {

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;

  SloRulesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    CartprobeConfig loaded = config.load(context);
    ConfigOption.printWarnings(loaded, spec.commandLine().getErr());
    if (loaded.slos().isEmpty()) {
      spec.commandLine().getErr().println(loaded.source() + ": no slos defined; add an `slos:` "
          + "list (see docs/slo.md)");
      return 2;
    }
    spec.commandLine().getOut().print(SloRules.render(loaded));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
