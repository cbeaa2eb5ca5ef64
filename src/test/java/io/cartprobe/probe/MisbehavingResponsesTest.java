package io.cartprobe.probe;

import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Responses that break the HTTP exchange itself get a reason that says what happened. */
class MisbehavingResponsesTest extends ServerTest {

  private ProbeResult run(String url) {
    return run(url, Map.of());
  }

  private ProbeResult run(String url, Map<String, String> vars) {
    Fixtures.ProbeBuilder probe = checkout("p").timeout(Duration.ofSeconds(10))
        .step(step("s", url).expect(expect()));
    vars.forEach(probe::var);
    return Fixtures.runner().run(probe.build(), env());
  }

  private static Failure failure(ProbeResult r) {
    return r.failure().orElseThrow();
  }

  @Test
  void redirectLoopIsRedirects() {
    for (int i = 0; i < 25; i++) {
      server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/loop").build());
    }

    ProbeResult r = run(base() + "/loop");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.REDIRECTS);
    assertThat(failure(r).message()).isEqualTo("more than 20 redirects (a redirect loop?)");
  }

  @Test
  void oversizedResponseHeadersAreBody() {
    Headers.Builder headers = new Headers.Builder();
    for (int i = 0; i < 20_000; i++) {
      headers.add("X-Header-" + i, "value-" + i);
    }
    server.enqueue(new MockResponse.Builder().headers(headers.build()).body("ok").build());

    ProbeResult r = run(base() + "/big");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.BODY);
    assertThat(failure(r).message()).isEqualTo("response headers too large: more than 256 KiB of"
        + " status line and headers (or the connection closed in the middle of them)");
  }

  @Test
  void aServerClosingBeforeAnsweringIsStillConnect() {
    // OkHttp retries a connection that fails this way once, on a new connection.
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder()
          .onRequestStart(new SocketEffect.CloseSocket()).build());
    }

    ProbeResult r = run(base() + "/closed");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.CONNECT);
    assertThat(failure(r).message()).startsWith("connection failed: unexpected end of stream");
  }

  @Test
  void badPercentEscapeInALiteralUrlIsTemplate() {
    ProbeResult r = run(base() + "/carts/%zz?q=1");

    assertThat(failure(r).reason()).isEqualTo(FailureReason.TEMPLATE);
    assertThat(failure(r).message()).isEqualTo("rendered URL " + base() + "/carts/%zz?q=1 has an"
        + " invalid percent-escape '%zz' (a '%' must be followed by two hex digits; write %25"
        + " for a literal '%')");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void badPercentEscapeFromAVariableIsTemplate() {
    ProbeResult r = run("{{base}}/search?q={{term}}", Map.of("base", base(), "term", "50%"));

    assertThat(failure(r).reason()).isEqualTo(FailureReason.TEMPLATE);
    assertThat(failure(r).message()).contains("invalid percent-escape '%' at the end");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void validPercentEscapesAreSentAsWritten() throws InterruptedException {
    enqueue(200, "ok");

    ProbeResult r = run(base() + "/carts/a%2Fb?q=%E2%82%AC");

    assertThat(r.failure()).isEmpty();
    assertThat(take().getTarget()).isEqualTo("/carts/a%2Fb?q=%E2%82%AC");
  }
}
