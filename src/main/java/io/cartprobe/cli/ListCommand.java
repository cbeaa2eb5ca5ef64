package io.cartprobe.cli;

import io.cartprobe.Words;
import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Durations;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Webhook;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cartprobe list}: what would run, where, how often, and what alerts watch it. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List probes × environments with their schedule, then alerts and webhooks.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "2:bad config file"})
final class ListCommand implements Callable<Integer> {

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;

  ListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    CartprobeConfig loaded = config.load(context);
    ConfigOption.printWarnings(loaded, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();

    List<String[]> probes = new ArrayList<>();
    probes.add(new String[] {"PROBE", "TYPE", "ENV", "INTERVAL", "WHEN FAILING", "TIMEOUT", "RETRIES", "STEPS"});
    for (ProbeConfig probe : loaded.probes()) {
      for (String env : probe.environments()) {
        probes.add(new String[] {probe.name(), probe.type().wireName(), env,
            Durations.format(probe.interval()), Durations.format(probe.intervalWhenFailing()),
            Durations.format(probe.timeout()), Integer.toString(probe.retries()),
            String.join(" > ", probe.steps().stream().map(s -> s.name()).toList())});
      }
    }
    Table.print(out, probes);
    printVariants(out, loaded);

    if (!loaded.alerts().isEmpty()) {
      out.println();
      List<String[]> alerts = new ArrayList<>();
      alerts.add(new String[] {"ALERT", "SEVERITY", "WHEN", "PROBES", "ENVS", "NOTIFY"});
      for (AlertRule alert : loaded.alerts()) {
        alerts.add(new String[] {alert.name(), alert.severity(), describe(alert.when()),
            allIfEmpty(alert.probes()), allIfEmpty(alert.environments()),
            alert.webhooks().isEmpty() ? "-" : String.join(",", alert.webhooks())});
      }
      Table.print(out, alerts);
    }
    if (!loaded.webhooks().isEmpty()) {
      out.println();
      List<String[]> hooks = new ArrayList<>();
      hooks.add(new String[] {"WEBHOOK", "FORMAT", "SIGNED", "TARGETS"});
      for (Webhook hook : loaded.webhooks()) {
        hooks.add(new String[] {hook.name(), hook.format().wireName(),
            hook.hmacSecret().isPresent() ? "yes" : "no", Integer.toString(hook.urls().size())});
      }
      Table.print(out, hooks);
    }
    return 0;
  }

  static String describe(AlertCondition when) {
    return switch (when) {
      case AlertCondition.ConsecutiveFailures c -> Words.count(c.count(), "consecutive failure");
      case AlertCondition.FailureRatio r -> String.format(java.util.Locale.ROOT,
          "failure ratio >= %.0f%% over %s (min %s)", r.ratio() * 100,
          Durations.format(r.window()), Words.count(r.minRuns(), "run"));
      case AlertCondition.LatencyP95 l -> "p95 latency > " + Durations.format(l.threshold())
          + " over " + Durations.format(l.window());
      case AlertCondition.ConfigChangedWithin c -> "config changed within " + Durations.format(c.within());
      case AlertCondition.CertExpiresWithin c -> "certificate expires within " + Durations.format(c.within());
    };
  }

  private static String allIfEmpty(List<String> names) {
    return names.isEmpty() ? "all" : String.join(",", names);
  }

  /** Probes with a matrix: each variant is a pair of its own in every environment. */
  private static void printVariants(PrintWriter out, CartprobeConfig loaded) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PROBE", "VARIANTS", "MATRIX"});
    for (ProbeConfig probe : loaded.probes()) {
      if (!probe.matrix().isEmpty()) {
        rows.add(new String[] {probe.name(),
            String.join(" ", probe.variants().stream().map(v -> v.id()).toList()),
            String.join(" x ", probe.matrix().values().keySet())});
      }
    }
    if (rows.size() > 1) {
      out.println();
      Table.print(out, rows);
    }
  }
}
