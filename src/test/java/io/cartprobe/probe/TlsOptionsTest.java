package io.cartprobe.probe;

import static io.cartprobe.probe.Fixtures.CLOCK;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.gatewayConfig;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Environment;
import io.cartprobe.config.TlsConfig;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * {@code tls:} against real TLS servers made here with okhttp-tls: a private CA, mutual TLS
 * that refuses clients without the right certificate, SNI override, minimum version and the
 * insecure switch. The runner's base client trusts nothing special: whatever is trusted comes
 * from the {@code tls:} setting under test.
 */
class TlsOptionsTest extends ServerTest {

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

  private final HeldCertificate privateCa = ca("acquirer private CA");
  private final HeldCertificate clientCa = ca("acquirer client CA");
  private final HeldCertificate otherCa = ca("someone else's CA");

  /** A year either side: only the client certificates here are dated on purpose. */
  private static final Duration LONG = Duration.ofDays(365);

  private HeldCertificate ca(String name) {
    return new HeldCertificate.Builder().certificateAuthority(0).commonName(name)
        .validityInterval(now.minus(LONG).toEpochMilli(), now.plus(LONG).toEpochMilli()).build();
  }

  private HeldCertificate serverCert(String... hosts) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName("acquirer").signedBy(privateCa)
        .validityInterval(now.minus(LONG).toEpochMilli(), now.plus(LONG).toEpochMilli());
    for (String host : hosts) {
      b.addSubjectAlternativeName(host);
    }
    return b.build();
  }

  private HeldCertificate clientCert(HeldCertificate issuer, Instant notAfter) {
    return new HeldCertificate.Builder().commonName("cartprobe-client").signedBy(issuer)
        .validityInterval(now.minus(Duration.ofDays(1)).toEpochMilli(), notAfter.toEpochMilli()).build();
  }

  private void serve(HeldCertificate cert, boolean requireClient) {
    HandshakeCertificates.Builder hs = new HandshakeCertificates.Builder()
        .heldCertificate(cert, privateCa.certificate()).addTrustedCertificate(clientCa.certificate());
    server.useHttps(hs.build().sslSocketFactory());
    if (requireClient) {
      server.requireClientAuth();
    }
    enqueueJson(200, "{\"charges_enabled\": true}");
  }

  private static TlsConfig.Trust trust(HeldCertificate ca, TlsConfig.TrustMode mode) {
    return new TlsConfig.Trust("ca.pem", List.of(ca.certificate()), mode);
  }

  private static TlsConfig.ClientCertificate client(HeldCertificate cert) {
    return new TlsConfig.ClientCertificate("client.pem", List.of(cert.certificate()), cert.keyPair().getPrivate());
  }

  private static TlsConfig tls(Optional<TlsConfig.Trust> trust, Optional<TlsConfig.ClientCertificate> client,
      Optional<String> minVersion, Optional<String> serverName, boolean insecure) {
    return new TlsConfig(trust, client, minVersion, serverName, insecure ? Optional.of(true) : Optional.empty());
  }

  private ProbeResult run(TlsConfig tls, String host) {
    return run(tls, host, Optional.empty());
  }

  private ProbeResult run(TlsConfig tls, String host, Optional<Duration> certValidFor) {
    Environment env = new Environment("staging", Map.of(), Map.of(), Map.of(),
        new ClientSettings(tls, Optional.empty()));
    var e = expect().status(200);
    certValidFor.ifPresent(e::certValidFor);
    String url = "https://" + host + ":" + server.getPort() + "/v1/account";
    return new ProbeRunner(new OkHttpClient(), clock, "1.2.3")
        .run(gatewayConfig("acquirer", step("acquirer", url).expect(e).build()), env);
  }

  private static String message(ProbeResult r) {
    return r.failure().map(f -> f.reason().wireName() + ": " + f.message()).orElse("passed");
  }

  @Test
  void aPrivateCaReplacingTheSystemTrustIsTrusted() {
    serve(serverCert("localhost"), false);

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.empty(),
        Optional.empty(), Optional.empty(), false), "localhost");

    assertThat(r.verdict()).as(message(r)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void aPrivateCaAddedToTheSystemTrustIsTrusted() {
    serve(serverCert("localhost"), false);

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.ADD)), Optional.empty(),
        Optional.empty(), Optional.empty(), false), "localhost");

    assertThat(r.verdict()).as(message(r)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void withoutTheCaTheServerIsNotTrusted() {
    serve(serverCert("localhost"), false);

    ProbeResult r = run(tls(Optional.of(trust(otherCa, TlsConfig.TrustMode.REPLACE)), Optional.empty(),
        Optional.empty(), Optional.empty(), false), "localhost");

    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.TLS);
    assertThat(r.failure().orElseThrow().message()).startsWith("TLS handshake failed: certificate not trusted");
  }

  @Test
  void mutualTlsWithTheRightClientCertificatePassesAndTheServerSeesIt() throws Exception {
    serve(serverCert("localhost"), true);
    HeldCertificate mine = clientCert(clientCa, now.plus(Duration.ofDays(90)));

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.of(client(mine)),
        Optional.empty(), Optional.empty(), false), "localhost");

    assertThat(r.verdict()).as(message(r)).isEqualTo(Verdict.SUCCESS);
    RecordedRequest seen = take();
    assertThat(seen.getHandshake().peerCertificates()).first()
        .isEqualTo(mine.certificate());
  }

  @Test
  void mutualTlsWithoutAClientCertificateIsRefused() {
    serve(serverCert("localhost"), true);

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.empty(),
        Optional.empty(), Optional.empty(), false), "localhost");

    // With TLS 1.3 the server refuses after the client's handshake is done: the write fails with
    // "Broken pipe", and only the server's alert says why.
    assertThat(message(r)).isEqualTo("tls: TLS handshake failed: client certificate refused: the server "
        + "requires one and none was sent (none is configured, or the configured one is not from a CA the "
        + "server accepts) (server alert: certificate_required)");
  }

  @Test
  void mutualTlsWithACertificateFromAnotherCaIsRefused() {
    serve(serverCert("localhost"), true);
    HeldCertificate stranger = clientCert(otherCa, now.plus(Duration.ofDays(90)));

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.of(client(stranger)),
        Optional.empty(), Optional.empty(), false), "localhost");

    // The JDK offers only a certificate from a CA the server lists, so it sends none.
    assertThat(message(r)).startsWith("tls: TLS handshake failed: client certificate refused")
        .endsWith("(server alert: certificate_required)");
  }

  @Test
  void aServerBelowMinVersionIsRefusedNamingTheProtocolVersion() {
    HandshakeCertificates hs = new HandshakeCertificates.Builder()
        .heldCertificate(serverCert("localhost"), privateCa.certificate()).build();
    server.useHttps(new OnlyTls12(hs.sslSocketFactory()));
    enqueueJson(200, "{}");
    // the server side: only TLS 1.2
    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.empty(),
        Optional.of("TLSv1.3"), Optional.empty(), false), "localhost");

    assertThat(message(r)).isEqualTo("tls: TLS handshake failed: protocol version not accepted: the server "
        + "and this client share no TLS version (check min_version, or the server is too old) "
        + "(server alert: protocol_version)");
    // and the same server passes with TLS 1.2 allowed
    enqueueJson(200, "{}");
    ProbeResult ok = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.empty(),
        Optional.of("TLSv1.2"), Optional.empty(), false), "localhost");
    assertThat(ok.verdict()).as(message(ok)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void serverNameIsSentAsSniAndVerifiedInsteadOfTheUrlsHost() throws Exception {
    serve(serverCert("api.acquirer.example"), false);
    TlsConfig.Trust ca = trust(privateCa, TlsConfig.TrustMode.REPLACE);

    ProbeResult wrongHost = run(tls(Optional.of(ca), Optional.empty(), Optional.empty(), Optional.empty(), false),
        "localhost");
    assertThat(message(wrongHost)).isEqualTo("tls: TLS handshake failed: certificate does not match host "
        + "localhost (it is for: api.acquirer.example)");

    ProbeResult r = run(tls(Optional.of(ca), Optional.empty(), Optional.empty(),
        Optional.of("api.acquirer.example"), false), "127.0.0.1");
    assertThat(r.verdict()).as(message(r)).isEqualTo(Verdict.SUCCESS);
    assertThat(take().getHandshakeServerNames()).containsExactly("api.acquirer.example");
  }

  @Test
  void insecureSkipVerifyTrustsAnUntrustedServerForTheWrongHost() {
    serve(serverCert("elsewhere.example"), false);

    ProbeResult r = run(tls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true),
        "localhost");

    assertThat(r.verdict()).as(message(r)).isEqualTo(Verdict.SUCCESS);
    // and without it, the same server is refused
    enqueueJson(200, "{}");
    assertThat(run(TlsConfig.NONE, "localhost").failure().orElseThrow().reason()).isEqualTo(FailureReason.TLS);
  }

  @Test
  void aClientCertificateCloseToExpiryFailsCertValidForLikeAServerCertificate() {
    serve(serverCert("localhost"), true);
    Instant notAfter = now.plus(Duration.ofDays(3));
    HeldCertificate mine = clientCert(clientCa, notAfter);

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.of(client(mine)),
        Optional.empty(), Optional.empty(), false), "localhost", Optional.of(Duration.ofDays(14)));

    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.CERT_EXPIRY);
    assertThat(r.failure().orElseThrow().message()).isEqualTo("client certificate expires " + notAfter
        + ", in 3d; expected at least 14d (client.pem)");
    assertThat(r.steps().getFirst().assertions()).extracting(a -> a.check() + " " + a.passed())
        .contains("cert_valid_for true", "cert_valid_for (client certificate) false");
  }

  @Test
  void aClientCertificateValidLongEnoughPassesCertValidFor() {
    serve(serverCert("localhost"), true);
    HeldCertificate mine = clientCert(clientCa, now.plus(Duration.ofDays(90)));

    ProbeResult r = run(tls(Optional.of(trust(privateCa, TlsConfig.TrustMode.REPLACE)), Optional.of(client(mine)),
        Optional.empty(), Optional.empty(), false), "localhost", Optional.of(Duration.ofDays(14)));

    assertThat(r.verdict()).as(message(r)).isEqualTo(Verdict.SUCCESS);
    assertThat(r.steps().getFirst().assertions()).anySatisfy(a -> {
      assertThat(a.check()).isEqualTo("cert_valid_for (client certificate)");
      assertThat(a.actual()).contains("in 90d");
    });
  }

  /** A server socket factory whose sockets speak TLS 1.2 and nothing newer. */
  private static final class OnlyTls12 extends javax.net.ssl.SSLSocketFactory {
    private final javax.net.ssl.SSLSocketFactory d;

    OnlyTls12(javax.net.ssl.SSLSocketFactory d) {
      this.d = d;
    }

    private static java.net.Socket only12(java.net.Socket s) {
      ((javax.net.ssl.SSLSocket) s).setEnabledProtocols(new String[] {"TLSv1.2"});
      return s;
    }

    @Override public java.net.Socket createSocket(java.net.Socket s, String h, int p, boolean a) throws java.io.IOException {
      return only12(d.createSocket(s, h, p, a));
    }
    @Override public String[] getDefaultCipherSuites() { return d.getDefaultCipherSuites(); }
    @Override public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }
    @Override public java.net.Socket createSocket(String h, int p) throws java.io.IOException { return only12(d.createSocket(h, p)); }
    @Override public java.net.Socket createSocket(String h, int p, java.net.InetAddress l, int lp) throws java.io.IOException { return only12(d.createSocket(h, p, l, lp)); }
    @Override public java.net.Socket createSocket(java.net.InetAddress h, int p) throws java.io.IOException { return only12(d.createSocket(h, p)); }
    @Override public java.net.Socket createSocket(java.net.InetAddress h, int p, java.net.InetAddress l, int lp) throws java.io.IOException { return only12(d.createSocket(h, p, l, lp)); }
  }
}
