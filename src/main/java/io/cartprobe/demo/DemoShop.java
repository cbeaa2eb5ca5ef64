package io.cartprobe.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The built-in demo: a shop with two environments ({@code /staging}, {@code /production}) and the
 * payment gateway it pays through ({@code /gateway}), on one HTTP server on 127.0.0.1, with
 * switchable {@link Fault faults} that replay the May 9 checkout outage and its cousins, and a
 * receiver for the alerts the agent sends about them ({@code /demo/notifications}).
 *
 * <pre>{@code
 * try (var demo = new DemoShop(0, Set.of(Fault.GATEWAY_CONFIG)).start()) {
 *   String base = demo.baseUrl();          // http://127.0.0.1:PORT
 *   demo.faults().disable(Fault.GATEWAY_CONFIG);
 * }
 * }</pre>
 */
public final class DemoShop implements AutoCloseable {

  private final int requestedPort;
  private final Faults faults;
  private final WebhookReceiver receiver;
  private HttpServer server;
  private ExecutorService executor;
  private HttpClient client;

  /** A demo on {@code port} (0: any free port) with no fault switched on. */
  public DemoShop(int port) {
    this(port, Set.of());
  }

  /** A demo on {@code port} (0: any free port) starting with {@code faults} switched on. */
  public DemoShop(int port, Collection<Fault> faults) {
    this(port, faults, Clock.systemUTC());
  }

  /** ... with {@code clock} stamping the notifications the receiver gets. */
  public DemoShop(int port, Collection<Fault> faults, Clock clock) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535: " + port);
    }
    this.requestedPort = port;
    this.faults = new Faults(faults, clock);
    this.receiver = new WebhookReceiver(clock);
  }

  /** Binds 127.0.0.1 and starts serving; returns {@code this}. Fails if the port is taken. */
  public synchronized DemoShop start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    var bound = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    client = HttpClient.newBuilder()
        .connectTimeout(GatewayClient.TIMEOUT)
        .executor(executor)
        .build();
    var base = "http://127.0.0.1:" + bound.getAddress().getPort();
    var router = new Router();
    var gatewayClient = new GatewayClient(client, URI.create(base + "/gateway/v1/payments"));
    for (var environment : DemoEnvironment.ALL) {
      new Shop(environment, faults, gatewayClient).register(router);
      new Storefront(environment, faults).register(router);
    }
    new PaymentGateway(faults, DemoEnvironment.ALL).register(router);
    new GatewayStatusPage(faults, base + "/gateway/status").register(router);
    new FaultAdmin(faults).register(router);
    receiver.register(router, base);
    router.add("GET", "/", request -> Response.text(200, describe() + "\n"));
    bound.createContext("/", router);
    bound.setExecutor(executor);
    Bodies.warmUp();
    bound.start();
    server = bound;
    return this;
  }

  /** The port actually bound (useful after asking for 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash; what {@code CARTPROBE_DEMO_URL} should be set to. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code baseUrl()/staging} or {@code baseUrl()/production}. */
  public String environmentUrl(String environment) {
    DemoEnvironment.ALL.stream().filter(e -> e.name().equals(environment)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no demo environment " + environment));
    return baseUrl() + "/" + environment;
  }

  /** {@code baseUrl()/gateway}. */
  public String gatewayUrl() {
    return baseUrl() + "/gateway";
  }

  /** The live fault switches, shared by both environments and the gateway. */
  public Faults faults() {
    return faults;
  }

  /** The notifications the receiver got, newest first. */
  public List<Notification> notifications() {
    return receiver.latest();
  }

  /** Called for every notification the receiver gets, on the request's thread. */
  public void onNotification(Consumer<Notification> listener) {
    receiver.onNotification(listener);
  }

  public void enable(Fault fault) {
    faults.enable(fault);
  }

  /** Switches on a fault by name ({@code gateway-config}...); throws naming the known ones. */
  public void enable(String faultName) {
    faults.enable(Fault.parse(faultName));
  }

  public void disable(Fault fault) {
    faults.disable(fault);
  }

  /** What the demo serves, for people: a few short lines (the answer of {@code GET /}). */
  public String describe() {
    String base;
    try {
      base = baseUrl();
    } catch (IllegalStateException notStarted) {
      base = "http://127.0.0.1:" + requestedPort;
    }
    var active = faults.active().stream().map(Fault::id).collect(Collectors.joining(", "));
    var text = new StringBuilder("cartprobe demo on " + base + "\n")
        .append("Shop, in two environments: " + base + "/staging and " + base + "/production\n")
        .append("  POST /api/carts {sku, quantity}    GET /api/carts/{id}\n")
        .append("  POST /api/carts/{id}/payment {card or payment_method: pm_card_amex}  GET /api/orders/{id}\n")
        .append("  POST /api/orders/{id}/void\n")
        .append("Payment gateway: " + base + "/gateway\n")
        .append("  GET /health    GET /v1/account/config    POST /v1/payments\n")
        .append("  (Authorization: Bearer sk_test_demo_staging or sk_live_demo_production)\n")
        .append("  GET /status/api/v2/summary.json    (its status page, Statuspage v2)\n")
        .append("Faults: POST or DELETE " + base + "/demo/faults/NAME, GET /demo/faults lists them\n");
    for (Fault fault : Fault.values()) {
      text.append("  ").append(fault.id()).append(": ").append(fault.description()).append('\n');
    }
    return text.append("Active now: ").append(active.isEmpty() ? "none" : active).append(".\n")
        .append("Alerts received: " + base + "/demo/notifications (webhooks: POST /demo/webhooks/NAME)")
        .toString();
  }

  /** Stops serving at once; requests in flight are cut off. Idempotent. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.stop(0);
    client.shutdownNow();
    executor.shutdownNow();
    server = null;
  }
}
