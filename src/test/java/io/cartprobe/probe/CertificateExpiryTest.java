package io.cartprobe.probe;

import io.cartprobe.metrics.AgentRegistry;
import io.cartprobe.metrics.ProbeMetrics;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.gatewayConfig;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.testing.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * {@code cert_valid_for} and TLS failures against certificates made here with okhttp-tls,
 * served over HTTPS by MockWebServer. The handshake checks validity against the real time, so
 * certificates are dated relative to it and the runner's clock is fixed at that same instant.
 */
class CertificateExpiryTest extends ServerTest {

  private static final Duration WINDOW = Duration.ofDays(14);

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Clock clock = new TestClock(now);
  private final HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(1)
      .commonName("cartprobe test root")
      .validityInterval(now.minus(Duration.ofDays(1)).toEpochMilli(),
          now.plus(Duration.ofDays(3650)).toEpochMilli())
      .build();

  private static String localHost() {
    try {
      return InetAddress.getByName("localhost").getCanonicalHostName();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A leaf for this server's host name, signed by the test root, valid from..until. */
  private HeldCertificate leaf(Instant from, Instant until, String... hosts) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName("gateway")
        .validityInterval(from.toEpochMilli(), until.toEpochMilli()).signedBy(root);
    if (hosts.length == 0) {
      b.addSubjectAlternativeName(localHost()).addSubjectAlternativeName("localhost");
    }
    for (String host : hosts) {
      b.addSubjectAlternativeName(host);
    }
    return b.build();
  }

  private void serve(HeldCertificate leaf) {
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate())
        .build().sslSocketFactory());
    enqueueJson(200, "{\"charges_enabled\": true}");
  }

  /** The engine's base client, trusting only the test root. */
  private OkHttpClient trustingTestRoot() {
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(root.certificate()).build();
    return new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
  }

  private ProbeResult runGatewayConfig() {
    ProbeRunner runner = new ProbeRunner(trustingTestRoot(), clock, "1.2.3");
    return runner.run(gatewayConfig("gateway-config", step("gateway-config", base() + "/v1/account")
        .component("payment-gateway").expect(expect().status(200).certValidFor(WINDOW)).build()),
        env());
  }

  @Test
  void certificateValidLongerThanTheWindowPassesAndRecordsItsExpiry() {
    HeldCertificate leaf = leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
    serve(leaf);

    ProbeResult r = runGatewayConfig();

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    StepResult step = r.steps().getFirst();
    assertThat(step.certNotAfter()).contains(leaf.certificate().getNotAfter().toInstant());
    assertThat(step.certNotAfter().orElseThrow())
        .isEqualTo(now.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS));
    assertThat(step.assertions()).anySatisfy(a -> {
      assertThat(a.check()).isEqualTo("cert_valid_for");
      assertThat(a.passed()).isTrue();
      assertThat(a.actual()).contains("in 90d");
    });

    // and the exported gauge is that notAfter, in Unix seconds
    AgentRegistry agent = AgentRegistry.create(java.util.Map.of());
    PrometheusMeterRegistry registry = agent.registry();
    new ProbeMetrics(agent).record(r);
    String series = "cartprobe_tls_cert_expiry_timestamp_seconds{env=\"staging\",probe=\"gateway-config\",step=\"gateway-config\",variant=\"\"} ";
    double exported = registry.scrape().lines().filter(l -> l.startsWith(series))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length()))).findFirst().orElseThrow();
    assertThat((long) exported).isEqualTo(leaf.certificate().getNotAfter().toInstant().getEpochSecond());
  }

  @Test
  void certificateExpiringInsideTheWindowFailsWithCertExpiry() {
    Instant notAfter = now.plus(Duration.ofDays(3));
    serve(leaf(now.minus(Duration.ofDays(1)), notAfter));

    ProbeResult r = runGatewayConfig();

    assertThat(r.verdict()).isEqualTo(Verdict.FAILURE);
    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.CERT_EXPIRY);
    assertThat(f.step()).isEqualTo("gateway-config");
    assertThat(f.message()).isEqualTo(
        "certificate expires " + notAfter + ", in 3d; expected at least 14d");
    assertThat(r.steps().getFirst().certNotAfter()).contains(notAfter);
  }

  @Test
  void theEarliestExpiryInTheChainDecides() {
    // An intermediate CA that expires before the leaf: the chain breaks when it does.
    Instant intermediateEnd = now.plus(Duration.ofDays(5));
    HeldCertificate intermediate = new HeldCertificate.Builder().certificateAuthority(0)
        .commonName("intermediate").signedBy(root)
        .validityInterval(now.minus(Duration.ofDays(1)).toEpochMilli(),
            intermediateEnd.toEpochMilli()).build();
    HeldCertificate leaf = new HeldCertificate.Builder().signedBy(intermediate)
        .addSubjectAlternativeName(localHost()).addSubjectAlternativeName("localhost")
        .validityInterval(now.minus(Duration.ofDays(1)).toEpochMilli(),
            now.plus(Duration.ofDays(300)).toEpochMilli()).build();
    server.useHttps(new HandshakeCertificates.Builder()
        .heldCertificate(leaf, intermediate.certificate()).build().sslSocketFactory());
    enqueueJson(200, "{}");

    ProbeResult r = runGatewayConfig();

    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.CERT_EXPIRY);
    assertThat(r.steps().getFirst().certNotAfter()).contains(intermediateEnd);
  }

  @Test
  void expiredCertificateIsTlsNamingTheExpiry() {
    serve(leaf(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(2))));

    ProbeResult r = runGatewayConfig();

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.TLS);
    assertThat(f.message()).startsWith("TLS handshake failed: certificate expired");
    assertThat(r.steps().getFirst().httpStatus()).isEmpty();
  }

  @Test
  void certificateForAnotherHostIsTlsNamingTheHost() {
    serve(leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), "pay.example.com"));

    ProbeResult r = runGatewayConfig();

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.TLS);
    assertThat(f.message())
        .startsWith("TLS handshake failed: certificate does not match host " + server.getHostName())
        .contains("pay.example.com")
        .doesNotContain("\n");
  }

  @Test
  void selfSignedCertificateWithoutTrustIsTlsNamingTheTrustProblem() {
    HeldCertificate selfSigned = new HeldCertificate.Builder()
        .addSubjectAlternativeName(localHost()).addSubjectAlternativeName("localhost")
        .validityInterval(now.minus(Duration.ofDays(1)).toEpochMilli(),
            now.plus(Duration.ofDays(90)).toEpochMilli()).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(selfSigned).build()
        .sslSocketFactory());
    enqueueJson(200, "{}");

    ProbeResult r = runGatewayConfig();

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.TLS);
    assertThat(f.message()).startsWith("TLS handshake failed: certificate not trusted");
  }

  @Test
  void checkoutStepsCheckCertificatesToo() {
    serve(leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))));
    ProbeRunner runner = new ProbeRunner(trustingTestRoot(), clock, "1.2.3");

    ProbeResult r = runner.run(checkout("checkout").step(step("create_cart", base() + "/carts")
        .component("cart-service").expect(expect().certValidFor(WINDOW))).build(), env());

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.CERT_EXPIRY);
    assertThat(f.component()).isEqualTo("cart-service");
    assertThat(f.message()).contains("in 10d; expected at least 14d");
  }

  @Test
  void certValidForOverPlainHttpFailsAsAnUnmetExpectation() {
    enqueueJson(200, "{}");
    ProbeRunner runner = new ProbeRunner(new OkHttpClient(), clock, "1.2.3");

    ProbeResult r = runner.run(gatewayConfig("gateway-config", step("gateway-config",
        base() + "/v1/account").expect(expect().certValidFor(WINDOW)).build()), env());

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(f.message()).contains("expects https");
    assertThat(r.steps().getFirst().certNotAfter()).isEmpty();
  }
}
