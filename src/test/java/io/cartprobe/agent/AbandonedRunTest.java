package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.http.ProbeHttpClient;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.RunOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run stuck where no deadline reaches (here a name lookup that, like the system resolver,
 * cannot be interrupted) is given up on: a {@code timeout} failure naming the step, the pair free.
 */
class AbandonedRunTest {

  private final MockWebServer shop = new MockWebServer();
  /** Lets the stuck lookups go at the end, so no thread outlives the test for long. */
  private final CountDownLatch resolverBack = new CountDownLatch(1);
  private final List<ProbeResult> recorded = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Blocks for up to a minute whatever interrupts it, as getaddrinfo does. */
  private final Dns stuckResolver = host -> {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < end) {
      try {
        if (resolverBack.await(end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          break;
        }
      } catch (InterruptedException ignored) {
        // not interruptible: keep waiting
      }
    }
    throw new UnknownHostException(host);
  };

  @BeforeEach
  void start() throws Exception {
    shop.enqueue(new MockResponse.Builder().code(200).body("{\"cart\":\"c-1\"}").build());
    shop.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    resolverBack.countDown();
    shop.close();
  }

  private PairRuns pairRuns(CartprobeConfig config) {
    OkHttpClient base = new OkHttpClient.Builder().dns(stuckResolver).build();
    ProbeRunner runner = new ProbeRunner(new ProbeHttpClient(base, "test"), Clock.systemUTC(),
        new SecureRandom());
    return new PairRuns(() -> config, runner, recorded::add, () -> false,
        new AgentMetrics(registry, "test", Instant.now()), Clock.systemUTC());
  }

  private static CartprobeConfig config(int shopPort) {
    return AgentFixtures.parse("""
        environments:
          production:
            vars: {shop: "http://127.0.0.1:%d", psp: "http://psp.stuck.test"}
        probes:
          - name: checkout
            type: checkout
            interval: 1m
            timeout: 300ms
            steps:
              - {name: create_cart, component: cart, request: {method: POST, url: "{{shop}}/carts"}}
              - {name: authorize_payment, component: payment-gateway, request: {method: POST, url: "{{psp}}/pay"}}
              - {name: confirm, component: orders, request: {method: POST, url: "{{shop}}/confirm"}}
        """.formatted(shopPort));
  }

  @Test
  void aRunStuckPastItsLongestPossibleRunIsRecordedAsATimeoutInTheStepItWasIn() throws Exception {
    try (PairRuns runs = pairRuns(config(shop.getPort()))) {
      RunOutcome outcome = runs.run(new PairKey("checkout", "production"));

      assertThat(resolverBack.getCount()).as("the lookup is still stuck").isEqualTo(1);
      assertThat(outcome).isEqualTo(RunOutcome.FAILED);
      assertThat(recorded).hasSize(1);
      ProbeResult result = recorded.getFirst();
      assertThat(result.failure()).hasValueSatisfying(f -> {
        assertThat(f.step()).isEqualTo("authorize_payment");
        assertThat(f.component()).isEqualTo("payment-gateway");
        assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(f.message()).contains("stopped waiting").contains("1300ms");
      });
      assertThat(result.steps()).extracting(s -> s.name() + ":" + s.status()).containsExactly(
          "create_cart:" + StepStatus.PASSED, "authorize_payment:" + StepStatus.FAILED,
          "confirm:" + StepStatus.SKIPPED);
      assertThat(result.traceId()).hasSize(32);
      assertThat(registry.get("cartprobe.runs.abandoned").tag("probe", "checkout").counter()
          .count()).isEqualTo(1.0);
    }
  }

  @Test
  void theNextRunOfTheSamePairStartsWhileTheStuckOneIsStillStuck() throws Exception {
    shop.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    try (PairRuns runs = pairRuns(config(shop.getPort()))) {
      PairKey pair = new PairKey("checkout", "production");
      runs.run(pair);
      runs.run(pair);

      assertThat(resolverBack.getCount()).as("both lookups are still stuck").isEqualTo(1);
      assertThat(recorded).hasSize(2)
          .allSatisfy(r -> assertThat(r.failure().orElseThrow().reason())
              .isEqualTo(FailureReason.TIMEOUT));
    }
  }
}
