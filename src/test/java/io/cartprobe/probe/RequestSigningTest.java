package io.cartprobe.probe;

import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.runner;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AuthConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Environment;
import io.cartprobe.config.Step;
import io.cartprobe.config.TlsConfig;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** basic, hmac and aws_sigv4 as the server receives them, and a step's {@code auth: none}. */
class RequestSigningTest extends ServerTest {

  private static Environment env(AuthConfig auth) {
    return new Environment("staging", Map.of(), Map.of(),
        Map.of("user", "merchant-42", "password", "pa55:word", "hmac_key", "Jefe"),
        new ClientSettings(TlsConfig.NONE, Optional.of(auth)));
  }

  private ProbeResult runOne(Environment env, Fixtures.StepBuilder s) {
    return runner().run(checkout("c").step(s).build(), env);
  }

  @Test
  void basicSendsTheRfc7617Header() throws Exception {
    enqueue(200, "ok");

    ProbeResult r = runOne(env(new AuthConfig.Basic("{{secret.user}}", "{{secret.password}}")),
        step("a", base() + "/a"));

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    // base64("merchant-42:pa55:word"), from RFC 7617's construction
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Basic bWVyY2hhbnQtNDI6cGE1NTp3b3Jk");
  }

  @Test
  void hmacSignsTheBodySentWithTheTimestampOfTheInjectedClock() throws Exception {
    enqueue(200, "ok");
    AuthConfig.Hmac hmac = new AuthConfig.Hmac("{{secret.hmac_key}}", "X-Signature", "sha256",
        "what do ya want for {body}", AuthConfig.Encoding.HEX, "", Optional.of("X-Timestamp"));

    runOne(env(hmac), step("pay", base() + "/pay").method("POST").raw("nothing?"));

    RecordedRequest seen = take();
    assertThat(seen.getBody().utf8()).isEqualTo("nothing?");
    // RFC 4231 test case 2
    assertThat(seen.getHeaders().get("X-Signature"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(seen.getHeaders().get("X-Timestamp"))
        .isEqualTo(Long.toString(Fixtures.CLOCK.instant().getEpochSecond()));
  }

  @Test
  void sigV4SignsWithTheInjectedClock() throws Exception {
    enqueue(200, "ok");
    AuthConfig.AwsSigV4 sigv4 = new AuthConfig.AwsSigV4("eu-west-1", "execute-api", "AKIDEXAMPLE",
        "{{secret.password}}", Optional.empty());

    runOne(env(sigv4), step("a", base() + "/a?b=2&a=1"));

    RecordedRequest seen = take();
    assertThat(seen.getHeaders().get("X-Amz-Date")).isEqualTo("20260102T030405Z");
    assertThat(seen.getHeaders().get("Authorization")).startsWith("AWS4-HMAC-SHA256 "
        + "Credential=AKIDEXAMPLE/20260102/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, "
        + "Signature=");
  }

  @Test
  void aStepWithAuthNoneSendsNoCredentialsWhileTheOthersDo() throws Exception {
    enqueue(200, "ok");
    enqueue(200, "ok");
    Step open = new Step("health", "payment-gateway", step("health", base() + "/health").build().request(),
        step("x", "http://x").build().expect(), Map.of(), java.util.List.of(),
        new ClientSettings(TlsConfig.NONE, Optional.of(new AuthConfig.None())), java.util.List.of());

    CheckoutProbe probe = new CheckoutProbe("c", java.util.List.of("staging"), Duration.ofMinutes(1),
        Duration.ofSeconds(5), Duration.ofMinutes(1), 0, Map.of(), java.util.List.of(open, step("b", base() + "/b").build()),
        java.util.List.of());
    runner().run(probe, env(new AuthConfig.Basic("{{secret.user}}", "{{secret.password}}")));

    assertThat(take().getHeaders().get("Authorization")).isNull();
    assertThat(take().getHeaders().get("Authorization")).startsWith("Basic ");
  }
}
