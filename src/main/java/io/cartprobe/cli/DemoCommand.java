package io.cartprobe.cli;

import io.cartprobe.agent.Agent;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cartprobe demo}: the built-in shop and payment gateway, and the agent probing them. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the demo shop (staging and production) and its payment gateway, and the agent "
          + "running probes.yaml against them.",
      "Faults to switch on: gateway-config, slow-payments, cart-down, flaky."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped (Ctrl-C or SIGTERM)", "2:bad usage, bad config, or a port is taken"})
final class DemoCommand implements Callable<Integer> {

  static final String DEMO_URL_VARIABLE = "CARTPROBE_DEMO_URL";

  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--port", defaultValue = "" + DemoBanner.DEFAULT_PORT, paramLabel = "N",
      description = "Shop port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--agent-port", paramLabel = "N",
      description = "Agent port on 127.0.0.1 (default: agent.listen of the config; 0 picks a free one)")
  Integer agentPort;

  @Option(names = "--no-agent", description = "Only the shop and gateway, no agent")
  boolean noAgent;

  @Option(names = "--fault", paramLabel = "NAME",
      description = "Fault switched on from the start (repeatable)")
  List<String> faults = new ArrayList<>();

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<Fault> initial = new ArrayList<>();
    for (String name : faults) {
      initial.add(Fault.byId(name).orElseThrow(() -> new CommandLine.ParameterException(
          spec.commandLine(), "unknown fault '" + name + "' (known: "
              + String.join(", ", Fault.ids()) + ")")));
    }
    PrintWriter out = spec.commandLine().getOut();
    DemoShop opened = Listening.open("demo shop",
        new InetSocketAddress(InetAddress.getLoopbackAddress().getHostAddress(), port),
        "choose another port with --port N, 0 for a free one",
        () -> new DemoShop(port, initial, context.clock()).start());
    try (DemoShop shop = opened) {
      shop.onNotification(n -> {
        DemoBanner.lines(n).forEach(out::println);
        out.flush();
      });
      if (noAgent) {
        DemoBanner.lines(shop, Optional.empty()).forEach(out::println);
        out.flush();
        Signals.waitForTermination(() -> { });
        return 0;
      }
      // The banner says where everything is: the terminal is left to failed runs and alerts.
      Logging.configure(Logging.Format.text, ch.qos.logback.classic.Level.WARN);
      CliContext demoContext = withDemoUrl(shop.baseUrl());
      CartprobeConfig loaded = loadConfig(demoContext);
      Optional<InetSocketAddress> listen = Optional.ofNullable(agentPort)
          .map(p -> new InetSocketAddress("127.0.0.1", p));
      InetSocketAddress address = listen.orElseGet(() ->
          new InetSocketAddress(loaded.agent().listenHost(), loaded.agent().listenPort()));
      Agent started = Listening.open("agent", address,
          "choose another port with --agent-port N, 0 for a free one",
          () -> new Agent(() -> loadConfig(demoContext), loaded, context.clock(), listen));
      try (Agent agent = started) {
        agent.start();
        DemoBanner.lines(shop, Optional.of("http://127.0.0.1:" + agent.port())).forEach(out::println);
        return AgentCommand.serveUntilStopped(agent, out);
      }
    }
  }


  private CliContext withDemoUrl(String baseUrl) {
    Map<String, String> environment = new HashMap<>(context.environment());
    environment.put(DEMO_URL_VARIABLE, baseUrl);
    return new CliContext(environment, context.workingDirectory(), context.terminal(), context.clock());
  }

  /** The probes.yaml given or found as usual, else the example built into the jar. */
  private CartprobeConfig loadConfig(CliContext demoContext) throws ConfigException {
    if (config.file != null || demoContext.environment().containsKey(ConfigOption.ENV_VAR)
        || Files.exists(config.resolve(demoContext))) {
      return config.load(demoContext);
    }
    try (InputStream in = DemoShop.class.getResourceAsStream("probes.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the built-in probes.yaml is missing from the jar");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ConfigLoader(demoContext.environment())
          .parse("probes.yaml (built in)", yaml, demoContext.workingDirectory());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in probes.yaml", e);
    }
  }
}
