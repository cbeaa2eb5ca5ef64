package io.cartprobe.cli;

import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cartprobe demo}: the built-in shop and payment gateway, until stopped. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Start the demo shop (staging and production) and its payment gateway, with "
        + "faults to switch on: gateway-config, slow-payments, cart-down, flaky.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped (Ctrl-C or SIGTERM)", "2:bad usage or the port is taken"})
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
      description = "Port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--fault", paramLabel = "NAME",
      description = "Fault switched on from the start (repeatable): gateway-config, slow-payments, cart-down, flaky")
  List<String> faults = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<Fault> initial = new ArrayList<>();
    for (String name : faults) {
      initial.add(Fault.byId(name).orElseThrow(() -> new CommandLine.ParameterException(
          spec.commandLine(), "unknown fault '" + name + "' (known: "
              + String.join(", ", Fault.ids()) + ")")));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (DemoShop shop = new DemoShop(port, initial).start()) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "demo-shutdown"));
      PrintWriter out = spec.commandLine().getOut();
      out.println("demo shop: " + shop.baseUrl());
      out.println(shop.describe());
      out.println();
      out.println("Probe it:  CARTPROBE_DEMO_URL=" + shop.baseUrl() + " cartprobe run");
      out.println("Break it:  curl -X POST " + shop.baseUrl() + "/demo/faults/gateway-config");
      out.println("Press Ctrl-C to stop.");
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
