package io.cartprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.ProbeResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /probe} exports blackbox_exporter's facts of the final response, as it defines them. */
class BlackboxHttpFactsTest {

  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static ProbeResult run(OkHttpClient client, String url) throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", """
        environments:
          prod: {}
        probes:
          - name: page
            type: checkout
            timeout: 5s
            steps:
              - {name: get, request: {url: "%s"}}
        """.formatted(url), Path.of("."));
    return new ProbeRunner(client, Clock.systemUTC(), "test")
        .run(config.probes().getFirst(), config.environments().get("prod"));
  }

  @Test
  void aRedirectedPlainHttpAnswer() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/final").build());
    server.enqueue(new MockResponse.Builder().code(200).body("hello").build());
    server.start(InetAddress.getLoopbackAddress(), 0);

    String metrics = BlackboxFormat.render(run(new OkHttpClient(), server.url("/start").toString()));

    assertThat(metrics).contains("probe_http_version 1.1\n", "probe_http_ssl 0\n",
        "probe_http_redirects 1\n", "probe_http_content_length 5\n", "probe_ip_protocol 4\n");
  }

  @Test
  void anHttp2AnswerOverTls() throws Exception {
    HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost").build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build()
        .sslSocketFactory());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    server.start(InetAddress.getLoopbackAddress(), 0);
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(cert.certificate()).build();
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();

    String metrics = BlackboxFormat.render(run(client, server.url("/").toString()));

    assertThat(metrics).contains("probe_http_version 2.0\n", "probe_http_ssl 1\n",
        "probe_http_redirects 0\n", "probe_ip_protocol 4\n");
  }

  @Test
  void noAnswerAtAll() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    String metrics = BlackboxFormat.render(
        run(new OkHttpClient(), "http://127.0.0.1:" + closedPort + "/"));

    assertThat(metrics).contains("probe_success 0\n", "probe_http_version 0\n",
        "probe_http_ssl 0\n", "probe_http_redirects 0\n", "probe_http_content_length -1\n",
        "probe_ip_protocol 0\n");
  }
}
