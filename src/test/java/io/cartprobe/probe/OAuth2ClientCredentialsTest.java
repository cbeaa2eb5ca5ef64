package io.cartprobe.probe;

import io.cartprobe.testing.TestClock;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.gatewayConfig;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AuthConfig;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Environment;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.TlsConfig;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth2 client credentials against a local token endpoint and API on one MockWebServer: the
 * token is fetched once, reused by later runs until shortly before {@code expires_in} (time
 * moved by an injected clock, never slept), fetched again after, and a refused token request is
 * its own failure, reason {@code auth}.
 */
class OAuth2ClientCredentialsTest extends ServerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final TestClock clock = new TestClock(T0);

  /** What the token endpoint answers next; tokens are numbered tok-1, tok-2... */
  private volatile MockResponse tokenAnswer;
  private volatile int apiStatus = 200;
  private final AtomicInteger issued = new AtomicInteger();
  private final List<RecordedRequest> tokenRequests = new ArrayList<>();
  private final List<String> apiAuthorizations = new ArrayList<>();

  @BeforeEach
  void dispatch() {
    expiresIn(3600);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        if (r.getUrl().encodedPath().equals("/v1/oauth2/token")) {
          synchronized (tokenRequests) {
            tokenRequests.add(r);
          }
          return tokenAnswer.getCode() == 200 ? new MockResponse.Builder().code(200)
              .addHeader("Content-Type", "application/json")
              .body("{\"access_token\":\"tok-" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                  + "\"expires_in\":" + tokenAnswer.getHeaders().get("X-Expires-In") + "}").build()
              : tokenAnswer;
        }
        synchronized (apiAuthorizations) {
          apiAuthorizations.add(r.getHeaders().get("Authorization"));
        }
        return new MockResponse.Builder().code(apiStatus).addHeader("Content-Type", "application/json")
            .body("{\"charges_enabled\": true}").build();
      }
    });
  }

  private void expiresIn(long seconds) {
    tokenAnswer = new MockResponse.Builder().code(200).addHeader("X-Expires-In", Long.toString(seconds)).build();
  }

  private AuthConfig.OAuth2 oauth(boolean cache) {
    return new AuthConfig.OAuth2(base() + "/v1/oauth2/token", "{{secret.client_id}}",
        "{{secret.client_secret}}", List.of("payments", "reporting"), cache, AuthConfig.ClientAuth.BASIC);
  }

  private Environment env(boolean cache) {
    return new Environment("production", Map.of(), Map.of(),
        Map.of("client_id", "cartprobe-client", "client_secret", "s3cr3t:with/chars"),
        new ClientSettings(TlsConfig.NONE, Optional.of(oauth(cache))));
  }

  private final ProbeRunner runner = new ProbeRunner(new OkHttpClient(), clock, "1.2.3");

  private ProbeResult run(boolean cache) {
    GatewayConfigProbe probe = gatewayConfig("psp-config",
        step("psp-config", base() + "/v1/account").expect(expect().status(200)).build());
    return runner.run(probe, env(cache));
  }

  @Test
  void theTokenIsFetchedOnceAndSentAsABearerToken() throws Exception {
    ProbeResult r = run(true);

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(apiAuthorizations).containsExactly("Bearer tok-1");
    RecordedRequest token = tokenRequests.getFirst();
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=payments+reporting");
    // RFC 6749 2.3.1: id and secret form-encoded, then HTTP Basic
    assertThat(token.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("cartprobe-client:s3cr3t%3Awith%2Fchars".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void laterRunsReuseTheTokenUntilShortlyBeforeItExpiresThenFetchAnother() {
    run(true);
    clock.advance(Duration.ofMinutes(30));
    run(true);
    clock.set(T0.plus(Duration.ofSeconds(3600 - 61)));
    run(true);
    assertThat(tokenRequests).hasSize(1);

    // 60 s before expires_in, the token is no longer sent: a request must not carry one that
    // expires in flight
    clock.set(T0.plus(Duration.ofSeconds(3600 - 60)));
    run(true);
    clock.advance(Duration.ofMinutes(10));
    run(true);

    assertThat(tokenRequests).hasSize(2);
    assertThat(apiAuthorizations).containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-1",
        "Bearer tok-2", "Bearer tok-2");
  }

  @Test
  void aShortLivedTokenIsDroppedATenthOfItsLifeEarly() {
    expiresIn(100);
    run(true);
    clock.advance(Duration.ofSeconds(89));
    run(true);
    clock.advance(Duration.ofSeconds(1));
    run(true);

    assertThat(apiAuthorizations).containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void withCacheOffEveryRunFetchesItsOwnToken() {
    run(false);
    run(false);

    assertThat(apiAuthorizations).containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void aTokenTheApiRefusesIsForgottenSoTheNextRunFetchesAnother() {
    apiStatus = 401;
    ProbeResult refused = run(true);
    apiStatus = 200;
    ProbeResult next = run(true);

    assertThat(refused.failure().orElseThrow().reason()).isEqualTo(FailureReason.STATUS);
    assertThat(next.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(apiAuthorizations).containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void aRefusedTokenRequestFailsWithReasonAuthQuotingTheEndpointAndTheApiIsNotCalled() {
    tokenAnswer = new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
        .body("{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}").build();

    ProbeResult r = run(true);

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.AUTH);
    assertThat(f.step()).isEqualTo("psp-config");
    assertThat(f.message()).isEqualTo("token endpoint " + base() + "/v1/oauth2/token answered 401: "
        + "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}");
    assertThat(r.steps().getFirst().httpStatus()).isEmpty();
    assertThat(apiAuthorizations).isEmpty();
  }

  @Test
  void anAnswerWithoutATokenFailsWithReasonAuth() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return new MockResponse.Builder().code(200).body("<html>login</html>").build();
      }
    });

    Failure f = run(true).failure().orElseThrow();

    assertThat(f.reason()).isEqualTo(FailureReason.AUTH);
    assertThat(f.message()).isEqualTo("token endpoint " + base()
        + "/v1/oauth2/token answered without an access_token: <html>login</html>");
  }

  @Test
  void anUnreachableTokenEndpointFailsWithReasonAuthNamingTheTransportProblem() {
    GatewayConfigProbe probe = gatewayConfig("psp-config",
        step("psp-config", base() + "/v1/account").expect(expect().status(200)).build());
    Environment env = new Environment("production", Map.of(), Map.of(), Map.of("id", "client-1234", "secret", "secret-5678"),
        new ClientSettings(TlsConfig.NONE, Optional.of(new AuthConfig.OAuth2(
            "http://127.0.0.1:1/token", "{{secret.id}}", "{{secret.secret}}", List.of(), true,
            AuthConfig.ClientAuth.BODY))));

    Failure f = runner.run(probe, env).failure().orElseThrow();

    assertThat(f.reason()).isEqualTo(FailureReason.AUTH);
    assertThat(f.message()).startsWith("token endpoint http://127.0.0.1:1/token could not be reached: "
        + "connection failed: ");
  }

  @Test
  void theClientSecretAndTokenNeverAppearInTheResult() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        if (r.getUrl().encodedPath().equals("/v1/oauth2/token")) {
          return new MockResponse.Builder().code(200)
              .body("{\"access_token\":\"tok-SECRET\",\"expires_in\":600}").build();
        }
        // an API that echoes what it was sent into its error
        return new MockResponse.Builder().code(500).body("bad request: Authorization="
            + r.getHeaders().get("Authorization") + " secret=s3cr3t:with/chars").build();
      }
    });

    ProbeResult r = run(true);

    String everything = r.toString();
    assertThat(everything).contains("bad request").doesNotContain("tok-SECRET")
        .doesNotContain("s3cr3t:with/chars");
  }
}
