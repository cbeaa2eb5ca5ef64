package io.cartprobe.probe;

import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.JsonCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Every transport failure, produced for real and mapped to its reason. */
class TransportFailuresTest extends ServerTest {

  private ProbeResult runOne(String url, Duration timeout) {
    return runOne(new OkHttpClient(), url, timeout, expect());
  }

  private ProbeResult runOne(OkHttpClient base, String url, Duration timeout,
      Fixtures.ExpectBuilder expect) {
    return Fixtures.runner(base).run(checkout("p").timeout(timeout)
        .step(step("s", url).component("cart-service").expect(expect)).build(), env());
  }

  private static FailureReason reason(ProbeResult r) {
    return r.failure().orElseThrow().reason();
  }

  @Test
  void unresolvableHostIsDns() {
    ProbeResult r = runOne("http://nothing.invalid/cart", Duration.ofSeconds(30));

    assertThat(reason(r)).isEqualTo(FailureReason.DNS);
    assertThat(r.failure().orElseThrow().component()).isEqualTo("cart-service");
    assertThat(r.steps().getFirst().httpStatus()).isEmpty();
  }

  @Test
  void refusedPortIsConnect() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    ProbeResult r = runOne("http://127.0.0.1:" + port + "/cart", Duration.ofSeconds(30));

    assertThat(reason(r)).isEqualTo(FailureReason.CONNECT);
  }

  @Test
  void headersLaterThanTheDeadlineAreTimeout() {
    server.enqueue(new MockResponse.Builder().body("late")
        .headersDelay(60, TimeUnit.SECONDS).build());

    ProbeResult r = runOne(base() + "/cart", Duration.ofMillis(500));

    // Cut at the deadline, not when the answer comes: the bound is far from both, so load on
    // the machine cannot decide it.
    assertThat(reason(r)).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(450))
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void bodyTrickledPastTheDeadlineIsCutAtTheDeadline() {
    // 100 KB at 100 bytes per 100 ms would take ~100 s; the flow allows 700 ms.
    server.enqueue(new MockResponse.Builder().body("x".repeat(100_000))
        .throttleBody(100, 100, TimeUnit.MILLISECONDS).build());

    ProbeResult r = runOne(base() + "/cart", Duration.ofMillis(700));

    assertThat(reason(r)).isEqualTo(FailureReason.TIMEOUT);
    assertThat(r.steps().getFirst().httpStatus()).contains(200);
    assertThat(r.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(650))
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void connectionCutMidBodyIsBody() {
    server.enqueue(new MockResponse.Builder().body("y".repeat(64 * 1024))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

    ProbeResult r = runOne(base() + "/cart", Duration.ofSeconds(30));

    assertThat(reason(r)).isEqualTo(FailureReason.BODY);
    assertThat(r.steps().getFirst().httpStatus()).contains(200);
  }

  @Test
  void malformedJsonWithJsonChecksIsBody() {
    enqueueJson(200, "{\"id\": 12,");

    ProbeResult r = runOne(new OkHttpClient(), base() + "/cart", Duration.ofSeconds(30),
        expect().json("$.id", new JsonCheck.Exists(true)));

    assertThat(reason(r)).isEqualTo(FailureReason.BODY);
    assertThat(r.failure().orElseThrow().message()).contains("not JSON");
    assertThat(r.steps().getFirst().bodyExcerpt()).contains("{\"id\": 12,");
  }

  @Test
  void tenMegabyteBodyIsBody() {
    Buffer big = new Buffer();
    big.write(new byte[10 * 1024 * 1024]);
    server.enqueue(new MockResponse.Builder().body(big).build());

    ProbeResult r = runOne(base() + "/cart", Duration.ofSeconds(10));

    assertThat(reason(r)).isEqualTo(FailureReason.BODY);
    assertThat(r.failure().orElseThrow().message()).contains("larger than 1048576 bytes");
    assertThat(r.steps().getFirst().bodyExcerpt().orElseThrow()).hasSizeLessThanOrEqualTo(2048);
  }

  @Test
  void untrustedServerCertificateIsTls() {
    HeldCertificate root = rootCa();
    server.useHttps(serverCertificates(root).sslSocketFactory());
    enqueue(200, "ok");

    // The client trusts only the platform's CAs, not this test root.
    ProbeResult r = runOne(base() + "/cart", Duration.ofSeconds(30));

    assertThat(reason(r)).isEqualTo(FailureReason.TLS);
  }

  @Test
  void trustedServerCertificateSucceedsAndTimesTheHandshake() {
    HeldCertificate root = rootCa();
    server.useHttps(serverCertificates(root).sslSocketFactory());
    enqueue(200, "ok");
    HandshakeCertificates client = new HandshakeCertificates.Builder()
        .addTrustedCertificate(root.certificate()).build();
    OkHttpClient base = new OkHttpClient.Builder()
        .sslSocketFactory(client.sslSocketFactory(), client.trustManager()).build();

    ProbeResult r = runOne(base, base() + "/cart", Duration.ofSeconds(30), expect());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.steps().getFirst().url()).startsWith("https://");
    Timings t = r.steps().getFirst().timings();
    assertThat(t.tls()).isPositive();
    assertThat(t.connect()).isPositive();
  }

  private static HeldCertificate rootCa() {
    return new HeldCertificate.Builder().certificateAuthority(0).commonName("test root")
        .build();
  }

  private static HandshakeCertificates serverCertificates(HeldCertificate root) {
    String host;
    try {
      host = InetAddress.getByName("localhost").getCanonicalHostName();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName(host)
        .addSubjectAlternativeName("localhost").signedBy(root).build();
    return new HandshakeCertificates.Builder().heldCertificate(leaf).build();
  }
}
