package io.cartprobe.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunSessionTest {

  private MockWebServer server;
  private final ProbeHttpClient http = new ProbeHttpClient(new OkHttpClient(), "9.9");

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void recordsPhasesAndReusesTheConnectionWithinARun() throws Exception {
    server.enqueue(new MockResponse.Builder().body("one")
        .headersDelay(50, TimeUnit.MILLISECONDS).build());
    server.enqueue(new MockResponse.Builder().body("two").build());

    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)))) {
      HttpExchange first = run.execute(new Request.Builder().url(server.url("/1")).build(),
          Duration.ofSeconds(30));
      HttpExchange second = run.execute(new Request.Builder().url(server.url("/2"))
          .post(RequestBody.create("x", null)).build(), Duration.ofSeconds(30));

      assertThat(first).isInstanceOfSatisfying(HttpExchange.Completed.class, c -> {
        assertThat(c.body()).isEqualTo("one");
        assertThat(c.requestSent()).isTrue();
        assertThat(c.phases().connect()).isPositive();
        assertThat(c.phases().ttfb()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(c.phases().tls()).isZero();
      });
      assertThat(second.phases().connect()).isZero();
      assertThat(second.phases().dns()).isZero();
      assertThat(second.phases().request()).isPositive();
    }
    RecordedRequest one = server.takeRequest();
    RecordedRequest two = server.takeRequest();
    assertThat(two.getConnectionIndex()).isEqualTo(one.getConnectionIndex());
    assertThat(one.getHeaders().get("User-Agent")).isEqualTo("cartprobe/9.9");
  }

  @Test
  void aRefusedConnectionNeverSentTheRequest() throws Exception {
    int port = closedPort();
    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)))) {
      HttpExchange ex = run.execute(new Request.Builder()
          .url("http://127.0.0.1:" + port + "/").build(), Duration.ofSeconds(30));

      assertThat(ex).isInstanceOf(HttpExchange.Failed.class);
      assertThat(ex.requestSent()).isFalse();
    }
  }

  @Test
  void aStepsDurationIsItsPhasesAndCoversTheServersDelays() throws Exception {
    server.enqueue(new MockResponse.Builder().body("slow body")
        .headersDelay(30, TimeUnit.MILLISECONDS).bodyDelay(40, TimeUnit.MILLISECONDS).build());

    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)))) {
      HttpExchange ex = run.execute(new Request.Builder().url(server.url("/")).build(),
          Duration.ofSeconds(30));

      assertThat(ex).isInstanceOf(HttpExchange.Completed.class);
      assertThat(ex.duration()).isEqualTo(ex.phases().total());
      assertThat(ex.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(70));
      assertThat(ex.phases().ttfb()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
      assertThat(ex.phases().transfer()).isPositive(); // where the body's delay falls is the server's
      // the wall time around the call holds the network time and the client's own work
      assertThat(ex.elapsed()).isGreaterThanOrEqualTo(ex.duration());
    }
  }

  @Test
  void theFirstStepOfAFreshClientIsMeasuredLikeTheSecond() throws Exception {
    ProbeHttpClient fresh = new ProbeHttpClient(new OkHttpClient(), "9.9");
    fresh.warmUp(true);
    assertThat(server.getRequestCount()).as("the warm-up never reaches a target").isZero();
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().body("x")
          .headersDelay(20, TimeUnit.MILLISECONDS).build());
    }

    for (int i = 0; i < 2; i++) {
      fresh.warmUp(true); // done once: later calls send nothing
      try (RunSession run = fresh.newRun(TraceContext.start(new SplittableRandom(i)))) {
        HttpExchange ex = run.execute(new Request.Builder().url(server.url("/" + i)).build(),
            Duration.ofSeconds(30));

        assertThat(ex.duration()).as("run %d", i).isEqualTo(ex.phases().total());
        assertThat(ex.phases().connect()).as("run %d connects afresh", i).isPositive();
        assertThat(ex.phases().ttfb()).as("run %d", i)
            .isGreaterThanOrEqualTo(Duration.ofMillis(20));
      }
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFailedConnectReportsTheTimeItTookAsConnect() throws Exception {
    int port = closedPort();
    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)))) {
      HttpExchange ex = run.execute(new Request.Builder()
          .url("http://127.0.0.1:" + port + "/").build(), Duration.ofSeconds(30));

      assertThat(ex.duration()).isEqualTo(ex.phases().connect());
      assertThat(ex.phases().request()).isZero();
    }
  }

  @Test
  void stepsToAnIpLiteralShareTheRunsConnectionAndANewRunConnectsAfresh() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().body("ok").build());
    }
    String url = "http://127.0.0.1:" + server.getPort() + "/";
    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)))) {
      run.execute(new Request.Builder().url(url + "a").build(), Duration.ofSeconds(30));
      HttpExchange second = run.execute(new Request.Builder().url(url + "b").build(),
          Duration.ofSeconds(30));
      assertThat(second.phases().connect()).isZero();
    }
    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(2)))) {
      HttpExchange third = run.execute(new Request.Builder().url(url + "c").build(),
          Duration.ofSeconds(30));
      assertThat(third.phases().connect()).isPositive();
    }
    RecordedRequest a = server.takeRequest();
    RecordedRequest b = server.takeRequest();
    RecordedRequest c = server.takeRequest();
    assertThat(b.getConnectionIndex()).isEqualTo(a.getConnectionIndex());
    assertThat(c.getConnectionIndex()).isNotEqualTo(a.getConnectionIndex());
    assertThat(c.getHeaders().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void aSecondRunConnectsAfreshAndCarriesNoCookieOfTheFirst() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "cart=abc; Path=/")
        .body("one").build());
    server.enqueue(new MockResponse.Builder().body("two").build());
    server.enqueue(new MockResponse.Builder().body("three").build());

    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)))) {
      run.execute(new Request.Builder().url(server.url("/login")).build(), Duration.ofSeconds(30));
      run.execute(new Request.Builder().url(server.url("/cart")).build(), Duration.ofSeconds(30));
    }
    try (RunSession run = http.newRun(TraceContext.start(new SplittableRandom(2)))) {
      HttpExchange third = run.execute(new Request.Builder().url(server.url("/cart")).build(),
          Duration.ofSeconds(30));
      assertThat(third.phases().connect()).as("the second run connects").isPositive();
      assertThat(run.cookiesFor(server.url("/cart"))).isEmpty();
    }
    RecordedRequest login = server.takeRequest();
    RecordedRequest cart = server.takeRequest();
    RecordedRequest nextRun = server.takeRequest();
    assertThat(cart.getHeaders().get("Cookie")).as("within a run").isEqualTo("cart=abc");
    assertThat(cart.getConnectionIndex()).isEqualTo(login.getConnectionIndex());
    assertThat(nextRun.getHeaders().get("Cookie")).as("the next run's customer").isNull();
    assertThat(nextRun.getConnectionIndex()).isNotEqualTo(login.getConnectionIndex());
  }

  @Test
  void closingARunTwiceLeavesItsConnectionsToOneLaterRunOnly() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().body("ok").build());
    }
    RunSession first = http.newRun(TraceContext.start(new SplittableRandom(1)));
    first.execute(new Request.Builder().url(server.url("/a")).build(), Duration.ofSeconds(30));
    first.close();
    first.close();
    try (RunSession one = http.newRun(TraceContext.start(new SplittableRandom(2)));
        RunSession two = http.newRun(TraceContext.start(new SplittableRandom(3)))) {
      one.execute(new Request.Builder().url(server.url("/b")).build(), Duration.ofSeconds(30));
      HttpExchange other = two.execute(new Request.Builder().url(server.url("/c")).build(),
          Duration.ofSeconds(30));
      assertThat(other.phases().connect()).as("runs at once never share a pool").isPositive();
    }
    server.takeRequest();
    RecordedRequest b = server.takeRequest();
    RecordedRequest c = server.takeRequest();
    assertThat(c.getConnectionIndex()).isNotEqualTo(b.getConnectionIndex());
  }

  @Test
  void aClosedRunSendsNothingMoreAndHoldsNoCookies() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "cart=abc; Path=/")
        .body("one").build());
    RunSession run = http.newRun(TraceContext.start(new SplittableRandom(1)));
    run.execute(new Request.Builder().url(server.url("/login")).build(), Duration.ofSeconds(30));
    run.close();

    HttpExchange late = run.execute(new Request.Builder().url(server.url("/late")).build(),
        Duration.ofSeconds(30));

    assertThat(late).isInstanceOf(HttpExchange.Failed.class);
    assertThat(late.requestSent()).isFalse();
    assertThat(run.cookiesFor(server.url("/"))).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aProxyOnTheBaseClientStillCarriesEveryRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().body("via proxy").build());
    OkHttpClient base = new OkHttpClient.Builder().proxy(new Proxy(Proxy.Type.HTTP,
        new InetSocketAddress(server.getHostName(), server.getPort()))).build();

    assertThat(sendThrough(base)).isEqualTo("GET http://shop.invalid/cart HTTP/1.1");
  }

  @Test
  void aProxySelectorOfTheUsersOwnIsStillAsked() throws Exception {
    server.enqueue(new MockResponse.Builder().body("via proxy").build());
    Proxy proxy = new Proxy(Proxy.Type.HTTP,
        new InetSocketAddress(server.getHostName(), server.getPort()));
    OkHttpClient base = new OkHttpClient.Builder().proxySelector(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    }).build();

    assertThat(sendThrough(base)).isEqualTo("GET http://shop.invalid/cart HTTP/1.1");
  }

  /** The request line the server got for a run's request to a name only a proxy can reach. */
  private String sendThrough(OkHttpClient base) throws Exception {
    ProbeHttpClient proxied = new ProbeHttpClient(base, "9.9");
    try (RunSession run = proxied.newRun(TraceContext.start(new SplittableRandom(1)))) {
      HttpExchange ex = run.execute(new Request.Builder().url("http://shop.invalid/cart").build(),
          Duration.ofSeconds(30));
      assertThat(ex).isInstanceOfSatisfying(HttpExchange.Completed.class,
          c -> assertThat(c.body()).isEqualTo("via proxy"));
    }
    return server.takeRequest().getRequestLine();
  }

  @Test
  void knowsAnIpLiteralFromAHostName() {
    assertThat(RunSession.isIpLiteral("127.0.0.1")).isTrue();
    assertThat(RunSession.isIpLiteral("::1")).isTrue();
    assertThat(RunSession.isIpLiteral("shop.example")).isFalse();
    assertThat(RunSession.isIpLiteral("10.0.0.1.nip.io")).isFalse();
    assertThat(RunSession.isIpLiteral("123")).isFalse();
  }

  /** A loopback port nothing listens on: a connection to it is refused at once. */
  private static int closedPort() throws java.io.IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
