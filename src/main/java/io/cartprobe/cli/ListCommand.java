package io.cartprobe.cli;

import io.cartprobe.Words;
import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Durations;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Webhook;
import io.cartprobe.result.json.Json;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.shard.Ownership;
import io.cartprobe.shard.Shard;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  enum Format { text, json }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (tables) or json ({schema_version, file, shard, probes, alerts,"
          + " webhooks, slos})")
  Format format;

  @Option(names = "--shard", paramLabel = "I/N|auto",
      description = "Only what shard I of N runs (default: $CARTPROBE_SHARD, else everything)")
  String shard;

  ListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Shard chosen = ShardOption.resolve(spec, shard, context);
    CartprobeConfig loaded = config.load(context);
    ConfigOption.printWarnings(loaded, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    Ownership owned = Ownership.of(loaded, chosen);
    if (format == Format.json) {
      out.println(Json.pretty(ConfigJson.listing(config.displayName(context), loaded, owned)));
      out.flush();
      return 0;
    }

    List<String[]> probes = new ArrayList<>();
    probes.add(new String[] {"PROBE", "TYPE", "ENV", "INTERVAL", "WHEN FAILING", "TIMEOUT", "RETRIES", "STEPS"});
    for (ProbeConfig probe : loaded.probes()) {
      for (String env : probe.environments()) {
        if (probe.variants().stream()
            .noneMatch(v -> owned.runs(new PairKey(probe.name(), env, v.id())))) {
          continue;
        }
        probes.add(new String[] {probe.name(), probe.type().wireName(), env,
            Durations.format(probe.interval()), Durations.format(probe.intervalWhenFailing()),
            Durations.format(probe.timeout()), Integer.toString(probe.retries()),
            String.join(" > ", probe.steps().stream().map(s -> s.name()).toList())});
      }
    }
    Table.print(out, probes);
    printVariants(out, loaded);
    if (!chosen.isSingle()) {
      out.println();
      out.println("shard " + chosen + ": runs " + Words.count(owned.runCount(), "pair")
          + " (evidence for its checkouts included); the other shards own "
          + Words.count(owned.ownedByOthers(), "pair"));
    }

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
      case AlertCondition.BurnRate b -> b.slo() + " burn rate > "
          + java.math.BigDecimal.valueOf(b.factor()).stripTrailingZeros().toPlainString() + "x over "
          + Durations.format(b.longWindow()) + " and " + Durations.format(b.shortWindow());
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
