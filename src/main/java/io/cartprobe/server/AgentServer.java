package io.cartprobe.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.ConfigSchema;
import io.cartprobe.metrics.MetricsExposition;
import io.cartprobe.result.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP endpoints on the JDK's server: {@code /metrics}, {@code /healthz},
 * {@code /readyz}, {@code /api/status}, {@code /probe}, {@code POST /-/reload} and {@code /}.
 * Each request runs on its own virtual thread, so a slow {@code /probe} never holds up a scrape.
 */
public final class AgentServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentServer.class);
  private static final String SCRAPE_TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
  /** Like blackbox_exporter's timeout_offset: leave time for the answer to travel back. */
  private static final Duration SCRAPE_TIMEOUT_OFFSET = Duration.ofMillis(500);
  /** A scrape timeout outside this is a misconfiguration, not a wish: ignored or clamped. */
  private static final Duration MIN_SCRAPE_DEADLINE = Duration.ofMillis(100);
  private static final Duration MAX_SCRAPE_DEADLINE = Duration.ofMinutes(5);

  static {
    EndpointLimits.install();
  }

  // Set once by start(): the socket is bound first so the agent can put its port into links.
  private volatile AgentEndpoints agent;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Renders renders = Renders.forThisMachine();

  /** Binds the socket; nothing is served until {@link #start}. */
  public AgentServer(InetSocketAddress address) throws IOException {
    this.server = HttpServer.create(address, 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public AgentServer start(AgentEndpoints endpoints) {
    this.agent = endpoints;
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    renders.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/metrics" -> get(exchange, method, () -> metrics(exchange));
        case "/healthz" -> get(exchange, method, () -> Responses.send(exchange, 200, "text/plain; charset=utf-8", "ok\n"));
        case "/readyz" -> get(exchange, method, () -> {
          boolean ready = agent.ready();
          String note = agent.readinessNote().map(n -> n + "\n").orElse("");
          Responses.send(exchange, ready ? 200 : 503, "text/plain; charset=utf-8",
              (ready ? "ready\n" : "not ready\n") + note);
        });
        case "/api/status" -> get(exchange, method, () -> rendered(exchange, () ->
            new Renders.Answer(200, "application/json", Json.pretty(agent.status()))));
        case "/probe" -> get(exchange, method, () -> probe(exchange));
        case ConfigSchema.PATH -> get(exchange, method, () -> {
          // editors fetch it from a page's origin too (a yaml-language-server modeline)
          exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
          Responses.send(exchange, 200, ConfigSchema.MEDIA_TYPE, ConfigSchema.json());
        });
        case "/-/reload" -> reload(exchange, method);
        case "/" -> get(exchange, method, () -> rendered(exchange, () ->
            new Renders.Answer(200, "text/html; charset=utf-8", agent.statusPage())));
        case "/api/history" -> get(exchange, method, () -> rendered(exchange, () -> {
          AgentEndpoints.HttpAnswer answer = agent.history(exchange.getRequestURI().getRawQuery());
          return new Renders.Answer(answer.status(), answer.contentType(), answer.body());
        }));
        default -> {
          if (path.startsWith("/probes/")) {
            get(exchange, method, () -> rendered(exchange, () -> agent
                .probePage(exchange.getRequestURI().getRawPath())
                .map(page -> new Renders.Answer(200, "text/html; charset=utf-8", page))
                .orElse(new Renders.Answer(404, "text/plain; charset=utf-8",
                    "no such probe or environment\n"))));
          } else if (path.startsWith("/artifacts/")) {
            get(exchange, method, () -> {
              var file = agent.artifact(exchange.getRequestURI().getRawPath());
              if (file.isPresent()) {
                Responses.send(exchange, 200, file.get().contentType(), file.get().body());
              } else {
                Responses.send(exchange, 404, "text/plain; charset=utf-8", "no such artifact (kept under agent.artifacts_dir, oldest deleted)\n");
              }
            });
          } else if (path.startsWith("/incidents/")) {
            get(exchange, method, () -> {
              AgentEndpoints.HttpAnswer answer = agent.incident(exchange.getRequestURI().getRawPath(),
                  Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")));
              Responses.send(exchange, answer.status(), answer.contentType(), answer.body());
            });
          } else {
            Responses.send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
          }
        }
      }
    } catch (RuntimeException e) {
      log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      Responses.send(exchange, 500, "text/plain; charset=utf-8", "internal error\n");
    }
  }

  /**
   * The scrape is always rendered gzip-compressed, piece by piece: at 10,000 targets its text
   * is ~20 MB, and held whole (builder, String, bytes) it outlived young collections, went to
   * the old generation and cost two full collections of ~200 ms per scrape, stalling the
   * probes' schedule. A scraper that takes gzip (Prometheus does) gets those bytes; one that
   * does not (curl, a person) gets them inflated as they are sent, chunked.
   */
  private void metrics(HttpExchange exchange) throws IOException {
    Optional<String> accept = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept"));
    Optional<MetricsExposition.Compressed> scrape = renders.render(() -> agent.scrapeGzip(accept));
    if (scrape.isEmpty()) {
      Responses.busy(exchange);
      return;
    }
    if (exchange.getRequestMethod().equals("HEAD") || !ResponseEncoding.acceptsGzip(
        exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
      Responses.inflated(exchange, 200, scrape.get().contentType(), scrape.get().gzip());
      return;
    }
    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    Responses.write(exchange, 200, scrape.get().contentType(), scrape.get().gzip());
  }

  /** Renders off the request's thread; sheds the request with 503 when too many are waiting. */
  private void rendered(HttpExchange exchange, Callable<Renders.Answer> work)
      throws IOException {
    Optional<Renders.Answer> answer = renders.render(work);
    if (answer.isEmpty()) {
      Responses.busy(exchange);
      return;
    }
    Responses.send(exchange, answer.get().status(), answer.get().contentType(), answer.get().body());
  }

  private void probe(HttpExchange exchange) throws IOException {
    Optional<String> token = agent.probeToken();
    if (token.isPresent() && !bearerMatches(exchange.getRequestHeaders().getFirst("Authorization"), token.get())) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      Responses.send(exchange, 401, "text/plain; charset=utf-8", "/probe needs Authorization: Bearer <probe_token>\n");
      return;
    }
    Map<String, String> query;
    try {
      query = query(exchange.getRequestURI().getRawQuery());
    } catch (IllegalArgumentException e) {
      Responses.send(exchange, 400, "text/plain; charset=utf-8", "bad percent-encoding in the query string\n");
      return;
    }
    ProbeQuery asked;
    try {
      asked = ProbeQuery.from(query);
    } catch (ProbeQuery.Refused e) {
      Responses.send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
      return;
    }
    Optional<Duration> deadline = scrapeDeadline(exchange.getRequestHeaders().getFirst(SCRAPE_TIMEOUT_HEADER));
    switch (agent.probeNow(asked.probe(), asked.environment(), asked.variant().orElse(""), deadline)) {
      case AgentEndpoints.ProbeNow.Ran ran ->
          Responses.send(exchange, 200, MetricsExposition.TEXT, BlackboxFormat.render(ran.result()));
      case AgentEndpoints.ProbeNow.NotFound notFound ->
          Responses.send(exchange, 400, "text/plain; charset=utf-8", notFound.message() + "\n");
      case AgentEndpoints.ProbeNow.Busy busy -> {
        exchange.getResponseHeaders().set("Retry-After", "1");
        Responses.send(exchange, 503, "text/plain; charset=utf-8", busy.message() + "\n");
      }
    }
  }

  /** Prometheus's scrape timeout, less the time the answer needs to travel; empty if nonsense. */
  static Optional<Duration> scrapeDeadline(String header) {
    if (header == null) {
      return Optional.empty();
    }
    double seconds;
    try {
      seconds = Double.parseDouble(header.trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!Double.isFinite(seconds) || seconds <= 0) {
      return Optional.empty(); // NaN, 0 or -5 would fail a healthy target at once
    }
    Duration timeout = Duration.ofMillis((long) Math.min(seconds * 1000, MAX_SCRAPE_DEADLINE.toMillis()));
    Duration usable = timeout.minus(SCRAPE_TIMEOUT_OFFSET);
    Duration deadline = usable.compareTo(MIN_SCRAPE_DEADLINE) < 0 ? timeout : usable;
    return Optional.of(deadline.compareTo(MIN_SCRAPE_DEADLINE) < 0 ? MIN_SCRAPE_DEADLINE : deadline);
  }

  private void reload(HttpExchange exchange, String method) throws IOException {
    if (!method.equals("POST") && !method.equals("PUT")) {
      exchange.getResponseHeaders().set("Allow", "POST, PUT");
      Responses.send(exchange, 405, "text/plain; charset=utf-8", "use POST\n");
      return;
    }
    Optional<String> token = agent.adminToken();
    if (token.isPresent() && !bearerMatches(exchange.getRequestHeaders().getFirst("Authorization"), token.get())) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      Responses.send(exchange, 401, "text/plain; charset=utf-8", "reload needs Authorization: Bearer <admin_token>\n");
      return;
    }
    AgentEndpoints.ReloadOutcome outcome = agent.reload();
    if (outcome.accepted()) {
      Responses.send(exchange, 200, "text/plain; charset=utf-8", "config reloaded\n");
    } else {
      Responses.send(exchange, 400, "text/plain; charset=utf-8",
          "config rejected; the running config stays:\n" + String.join("\n", outcome.errors()) + "\n");
    }
  }

  /** Constant-time, so the token cannot be guessed byte by byte from response times. */
  private static boolean bearerMatches(String header, String token) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }

  private interface Handler {
    void handle() throws IOException;
  }

  private void get(HttpExchange exchange, String method, Handler handler) throws IOException {
    if (method.equals("GET") || method.equals("HEAD")) {
      handler.handle();
    } else {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      Responses.send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }
}
