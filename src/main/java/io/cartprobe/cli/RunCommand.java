package io.cartprobe.cli;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.result.ProbeResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cartprobe run}: the chosen probes × environments, once, now, concurrently. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run probes once, now, and print every step.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every run passed (degraded counts as passed)",
      "1:at least one run failed",
      "2:bad config file or bad usage"
    })
final class RunCommand implements Callable<Integer> {

  enum Format { text, json, junit }

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = {"-p", "--probe"}, paramLabel = "PROBE",
      description = "Probe to run (repeatable; default: all)")
  List<String> probes = new ArrayList<>();

  @Option(names = {"-e", "--env"}, paramLabel = "ENV",
      description = "Environment to run against (repeatable; default: each probe's own)")
  List<String> environments = new ArrayList<>();

  @Option(names = "--variant", paramLabel = "VARIANT",
      description = "Variant of a probe with a matrix to run, as in its headline: amex, or"
          + " visa,EUR for two axes (repeatable; default: every variant)")
  List<String> variants = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json (the full result model) or junit (XML for CI)")
  Format format;

  @Option(names = {"-v", "--verbose"},
      description = "Show every step's assertions, extracted values and timing phases, not only"
          + " the failed one's")
  boolean verbose;

  @Option(names = "--artifacts", paramLabel = "DIR",
      description = "Write failed browser steps' screenshots, console errors and failed requests"
          + " here (default: a new temporary directory, named on stderr)")
  java.nio.file.Path artifacts;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    CompletableFuture<ProbeHttpClient> http = ProbeExecution.warmClient();
    CartprobeConfig loaded = config.load(context);
    ConfigOption.printWarnings(loaded, spec.commandLine().getErr());
    List<PlannedRun> plan = RunPlan.select(loaded, probes, environments, variants,
        spec.commandLine());
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(spec.commandLine().getErr(),
        context.terminal().interactive() && format == Format.text, plan.size());
    List<ProbeResult> results;
    try (RunTraces traces = RunTraces.open(loaded, context.environment())) {
      results = new ProbeExecution(loaded, context.clock(), traces.sink(), http.join())
          .runAll(plan, progress);
    }
    results = RunArtifacts.write(results, java.util.Optional.ofNullable(artifacts),
        spec.commandLine().getErr());
    switch (format) {
      case text -> new TextReport(out, context.terminal().colour(), verbose).print(results);
      case json -> JsonReport.print(out, results);
      case junit -> JunitReport.print(out, results);
    }
    out.flush();
    return results.stream().anyMatch(ProbeResult::failed) ? ErrorHandler.EXIT_FAILED : 0;
  }

  /** One run to make: every variant of a probe with a matrix is its own. */
  record PlannedRun(ProbeConfig probe, String environment, io.cartprobe.config.Variant variant) {
    PlannedRun(ProbeConfig probe, String environment) {
      this(probe, environment, io.cartprobe.config.Variant.NONE);
    }
  }

  /** Which runs -p, -e and --variant select; an unknown name is a usage error. */
  static final class RunPlan {
    private RunPlan() {}

    static List<PlannedRun> select(CartprobeConfig config, List<String> probeNames,
        List<String> environmentNames, List<String> variantIds, CommandLine commandLine) {
      Set<String> knownProbes = new LinkedHashSet<>();
      config.probes().forEach(p -> knownProbes.add(p.name()));
      for (String name : probeNames) {
        if (!knownProbes.contains(name)) {
          throw new CommandLine.ParameterException(commandLine,
              "unknown probe '" + name + "' (defined: " + String.join(", ", knownProbes) + ")");
        }
      }
      for (String name : environmentNames) {
        if (!config.environments().containsKey(name)) {
          throw new CommandLine.ParameterException(commandLine, "unknown environment '" + name
              + "' (defined: " + String.join(", ", config.environments().keySet()) + ")");
        }
      }
      Set<String> knownVariants = new LinkedHashSet<>();
      config.probes().stream()
          .filter(p -> probeNames.isEmpty() || probeNames.contains(p.name()))
          .forEach(p -> p.variants().stream().filter(v -> !v.isNone())
              .forEach(v -> knownVariants.add(v.id())));
      for (String id : variantIds) {
        if (!knownVariants.contains(id)) {
          throw new CommandLine.ParameterException(commandLine, "unknown variant '" + id + "' ("
              + (knownVariants.isEmpty() ? "the selected probes have no matrix"
                  : "defined: " + String.join(" ", knownVariants)) + ")");
        }
      }
      List<PlannedRun> plan = new ArrayList<>();
      for (ProbeConfig probe : config.probes()) {
        if (!probeNames.isEmpty() && !probeNames.contains(probe.name())) {
          continue;
        }
        for (String env : probe.environments()) {
          if (environmentNames.isEmpty() || environmentNames.contains(env)) {
            for (io.cartprobe.config.Variant variant : probe.variants()) {
              if (variantIds.isEmpty() || variantIds.contains(variant.id())) {
                plan.add(new PlannedRun(probe, env, variant));
              }
            }
          }
        }
      }
      if (plan.isEmpty()) {
        throw new CommandLine.ParameterException(commandLine,
            "nothing to run: no selected probe runs in the selected environments");
      }
      return plan;
    }
  }
}
