package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/provider-auth.yaml, the file docs/gateways.md shows: validated as it is, then
 * run against local stand-ins of PayPal (an OAuth2 token endpoint and the webhooks API) and of
 * an acquirer (mutual TLS, its own CA, a certificate for api.acquirer.example only). No output
 * format ever shows the client secret, the access token or the Basic credentials.
 */
class ProviderExamplesTest {

  private static final Path EXAMPLE = Path.of("docs/examples/provider-auth.yaml").toAbsolutePath();
  private static final String CLIENT_SECRET = "EPpaypal-client-secret-xyz";
  private static final String TOKEN = "A21AAtoken-from-the-stand-in";

  @TempDir Path dir;

  private final MockWebServer paypal = new MockWebServer();
  private final MockWebServer acquirer = new MockWebServer();
  private final Map<String, String> environment = new HashMap<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile boolean paypalBroken;
  private StringWriter out;
  private StringWriter err;

  private final HeldCertificate acquirerCa = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("acquirer CA").validityInterval(millis(-30), millis(365)).build();
  private final HeldCertificate acquirerServer = new HeldCertificate.Builder().commonName("acquirer")
      .addSubjectAlternativeName("api.acquirer.example").signedBy(acquirerCa)
      .validityInterval(millis(-30), millis(365)).build();
  private final HeldCertificate merchant = new HeldCertificate.Builder().commonName("M-1001")
      .signedBy(acquirerCa).rsa2048().validityInterval(millis(-30), millis(90)).build();

  private static long millis(int days) {
    return Instant.now().plus(Duration.ofDays(days)).toEpochMilli();
  }

  @BeforeEach
  void standIns() throws Exception {
    paypal.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        if (r.getUrl().encodedPath().equals("/v1/oauth2/token")) {
          tokenRequests.incrementAndGet();
          return json(200, "{\"scope\":\"https://uri.paypal.com/services/applications/webhooks\","
              + "\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"app_id\":\"APP-80W284485P519543T\","
              + "\"expires_in\":32400,\"nonce\":\"2026-03-01T10:00:00ZdRm\"}");
        }
        if (!("Bearer " + TOKEN).equals(r.getHeaders().get("Authorization"))) {
          return json(401, "{\"error\":\"invalid_token\"}");
        }
        if (paypalBroken) {
          // a broken API that echoes what it was sent, secrets included
          return json(500, "{\"debug\":\"Authorization=" + r.getHeaders().get("Authorization")
              + " secret=" + CLIENT_SECRET + "\"}");
        }
        return json(200, "{\"webhooks\":[{\"id\":\"0EH40505U7160970P\",\"url\":\"https://shop.example.com/hooks/paypal\","
            + "\"event_types\":[{\"name\":\"PAYMENT.CAPTURE.COMPLETED\"},{\"name\":\"PAYMENT.CAPTURE.DENIED\"}]}]}");
      }
    });
    paypal.start();

    acquirer.useHttps(new HandshakeCertificates.Builder().heldCertificate(acquirerServer, acquirerCa.certificate())
        .addTrustedCertificate(acquirerCa.certificate()).build().sslSocketFactory());
    acquirer.requireClientAuth();
    acquirer.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        boolean known = r.getHandshake() != null && !r.getHandshake().peerCertificates().isEmpty()
            && r.getHandshake().peerCertificates().getFirst().equals(merchant.certificate());
        return known && r.getHeaders().get("Authorization") == null
            ? json(200, "{\"id\":\"M-1001\",\"status\":\"ACTIVE\",\"capture_mode\":\"automatic\",\"settlement_currency\":\"EUR\"}")
            : json(403, "{\"error\":\"unknown merchant\"}");
      }
    });
    acquirer.start();

    Files.writeString(dir.resolve("acquirer-ca.pem"), acquirerCa.certificatePem());
    Files.writeString(dir.resolve("client.pem"), merchant.certificatePem());
    Files.writeString(dir.resolve("client-key.pem"), merchant.privateKeyPkcs8Pem());
    environment.putAll(Map.of(
        "PAYPAL_URL", "http://127.0.0.1:" + paypal.getPort(),
        "PAYPAL_CLIENT_ID", "AYpaypal-client-id",
        "PAYPAL_CLIENT_SECRET", CLIENT_SECRET,
        "PSP_SIGNING_KEY", "psp-signing-key-123",
        // the acquirer's certificate names api.acquirer.example; server_name makes that work by address
        "ACQUIRER_URL", "https://127.0.0.1:" + acquirer.getPort(),
        "ACQUIRER_CA_FILE", dir.resolve("acquirer-ca.pem").toString(),
        "ACQUIRER_CLIENT_CERT", dir.resolve("client.pem").toString(),
        "ACQUIRER_CLIENT_KEY", dir.resolve("client-key.pem").toString()));
  }

  @AfterEach
  void stop() {
    paypal.close();
    acquirer.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private int execute(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CliContext context = new CliContext(environment, dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  private int run(String format) {
    return execute("run", "-c", EXAMPLE.toString(), "-p", "paypal-webhooks", "-p", "acquirer-merchant",
        "-o", format);
  }

  @Test
  void everyLineGatewaysMdShowsIsInTheExampleFile() throws Exception {
    String doc = Files.readString(Path.of("docs/gateways.md"));
    String section = doc.substring(doc.indexOf("## Real providers"), doc.indexOf("## Redundancy"));
    List<String> file = Files.readAllLines(EXAMPLE).stream().map(ProviderExamplesTest::code).toList();
    java.util.regex.Matcher block = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL)
        .matcher(section);
    int blocks = 0;
    while (block.find()) {
      blocks++;
      for (String line : block.group(1).split("\n")) {
        assertThat(file).as("docs/gateways.md line %s", line).contains(code(line));
      }
    }
    assertThat(blocks).isEqualTo(3);
  }

  /** A YAML line without its comment and indentation. */
  private static String code(String line) {
    int comment = line.indexOf(" #");
    return (comment < 0 ? line : line.substring(0, comment)).strip();
  }

  @Test
  void theExampleValidates() {
    assertThat(execute("validate", "-c", EXAMPLE.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("valid: 3 probes in 1 environment");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void payPalAndTheAcquirerPassAgainstTheirStandIns() {
    assertThat(run("text")).as(out + "\n" + err).isZero();

    assertThat(out.toString()).contains("PASS  paypal-webhooks @ production", "PASS  acquirer-merchant @ production");
    assertThat(tokenRequests).hasValue(1);
  }

  @Test
  void noOutputFormatShowsTheSecretTheTokenOrTheBasicCredentials() {
    paypalBroken = true;
    String basic = okhttp3.Credentials.basic("AYpaypal-client-id", CLIENT_SECRET);
    for (String format : List.of("text", "json", "junit")) {
      assertThat(run(format)).as(format).isEqualTo(1);
      String all = out + "\n" + err;
      assertThat(all).as(format).contains("paypal-webhooks").contains("***")
          .doesNotContain(CLIENT_SECRET).doesNotContain(TOKEN).doesNotContain(basic.substring("Basic ".length()));
    }
  }
}
