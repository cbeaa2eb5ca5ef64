package io.cartprobe.cli;

import io.cartprobe.agent.Agent;
import io.cartprobe.agent.ConfigFileWatch;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.shard.Shard;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cartprobe agent}: the scheduler and HTTP endpoints, until SIGTERM. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Run every probe on its schedule and serve /metrics, /healthz, /readyz, /api/status, "
          + "/probe, / and POST /-/reload.",
      "The config file is reloaded when its content changes (a ConfigMap update too), and on"
          + " SIGHUP; SIGTERM stops scheduling, lets runs in flight finish "
          + "(up to 10 s) and exits 0."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped by SIGTERM or Ctrl-C",
        "2:bad config file, bad usage, or the address to listen on is taken"})
final class AgentCommand implements Callable<Integer> {

  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Override agent.listen (port 0 picks a free port)")
  String listen;

  @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text or json (one object per line, for log pipelines)")
  Logging.Format logFormat;

  @Option(names = {"-v", "--verbose"}, description = "Debug logging")
  boolean verbose;

  @Option(names = "--shard", paramLabel = "I/N|auto",
      description = "Run only the pairs shard I of N owns (default: $CARTPROBE_SHARD, else all);"
          + " auto: I from the StatefulSet pod name's ordinal, N from $CARTPROBE_SHARD_COUNT")
  String shard;

  AgentCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Logging.configure(logFormat, verbose);
    Shard owned = ShardOption.resolve(spec, shard, context);
    CartprobeConfig loaded = config.load(context);
    Optional<InetSocketAddress> listenOverride = Optional.ofNullable(listen).map(l -> parseListen(l));
    InetSocketAddress address = listenOverride.orElseGet(() ->
        new InetSocketAddress(loaded.agent().listenHost(), loaded.agent().listenPort()));
    Agent opened = Listening.open("agent", address,
        "another agent running? choose another address with --listen HOST:PORT or agent.listen",
        () -> new Agent(() -> config.load(context), loaded, context.clock(), listenOverride,
            owned));
    try (Agent agent = opened;
        ConfigFileWatch watch = ConfigFileWatch.start(config.resolve(context), agent::reload)) {
      agent.start();
      PrintWriter out = spec.commandLine().getOut();
      out.println("agent: http://127.0.0.1:" + agent.port() + "/  (metrics: /metrics, status: /api/status)");
      return serveUntilStopped(agent, out);
    }
  }

  /** Waits for SIGTERM/SIGINT (SIGHUP reloads meanwhile), then stops within the grace period. */
  static int serveUntilStopped(Agent agent, PrintWriter out) throws InterruptedException {
    out.flush();
    Signals.waitForTermination(() -> agent.reload());
    boolean finished = agent.stop(SHUTDOWN_GRACE);
    if (!finished) {
      out.println("runs still going after " + SHUTDOWN_GRACE.toSeconds() + "s were interrupted");
    }
    out.flush();
    return 0;
  }

  private InetSocketAddress parseListen(String value) {
    int colon = value.lastIndexOf(':');
    try {
      String host = colon <= 0 ? "0.0.0.0" : value.substring(0, colon);
      int port = Integer.parseInt(value.substring(colon + 1));
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--listen: expected HOST:PORT like 127.0.0.1:9781, found '" + value + "'");
    }
  }
}
