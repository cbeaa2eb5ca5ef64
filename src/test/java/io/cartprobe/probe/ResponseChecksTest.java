package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResponseChecksTest {

  @Test
  void aRunOnAVirtualThreadHasItsChecksDoneOnAPlatformThread() throws Exception {
    AtomicReference<Thread> checkedOn = new AtomicReference<>();
    try (ResponseChecks checks = ResponseChecks.onPlatformThreads(1)) {
      Thread run = Thread.ofVirtual().start(() -> {
        try {
          checks.call(() -> {
            checkedOn.set(Thread.currentThread());
            return "ok";
          });
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      run.join();
    }
    assertThat(checkedOn.get().isVirtual()).isFalse();
    assertThat(checkedOn.get().getName()).startsWith("cartprobe-check-");
  }

  @Test
  void whatTheCheckReturnsOrThrowsReachesTheRun() throws Exception {
    AtomicReference<Object> returned = new AtomicReference<>();
    AtomicReference<Throwable> exceeded = new AtomicReference<>();
    AtomicReference<Throwable> overflow = new AtomicReference<>();
    try (ResponseChecks checks = ResponseChecks.onPlatformThreads(1)) {
      Thread.ofVirtual().start(() -> {
        try {
          returned.set(checks.call(() -> Thread.currentThread().isVirtual() ? -1 : 42));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        exceeded.set(thrownBy(checks, () -> {
          throw new Deadline.Exceeded();
        }));
        overflow.set(thrownBy(checks, () -> {
          throw new StackOverflowError("deep");
        }));
      }).join();
    }
    assertThat(returned.get()).isEqualTo(42);
    assertThat(exceeded.get()).isInstanceOf(Deadline.Exceeded.class);
    assertThat(overflow.get()).isInstanceOf(StackOverflowError.class).hasMessage("deep");
  }

  private static Throwable thrownBy(ResponseChecks checks, java.util.function.Supplier<Object> work) {
    try {
      checks.call(work);
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  @Test
  void aRunOnAPlatformThreadChecksOnItsOwnThread() throws Exception {
    try (ResponseChecks checks = ResponseChecks.onPlatformThreads(1)) {
      assertThat(checks.call(Thread::currentThread)).isSameAs(Thread.currentThread());
    }
  }

  @Test
  void inlineChecksRunOnTheCallersThread() throws Exception {
    try (ResponseChecks checks = ResponseChecks.inline()) {
      assertThat(checks.call(Thread::currentThread)).isSameAs(Thread.currentThread());
    }
  }

  @Test
  void anInterruptedRunStopsWaitingAndInterruptsItsCheck() throws Exception {
    CountDownLatch checking = new CountDownLatch(1);
    AtomicBoolean checkInterrupted = new AtomicBoolean();
    CountDownLatch checkEnded = new CountDownLatch(1);
    AtomicReference<Throwable> runSaw = new AtomicReference<>();
    try (ResponseChecks checks = ResponseChecks.onPlatformThreads(1)) {
      Thread run = Thread.ofVirtual().start(() -> {
        try {
          checks.call(() -> {
            checking.countDown();
            try {
              Thread.sleep(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
              checkInterrupted.set(true);
            } finally {
              checkEnded.countDown();
            }
            return null;
          });
        } catch (Throwable e) {
          runSaw.set(e);
        }
      });
      assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
      run.interrupt();
      run.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(checkEnded.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(runSaw.get()).isInstanceOf(InterruptedException.class);
    assertThat(checkInterrupted).isTrue();
  }

  private static Step step(String expectAndMore) {
    String yaml = """
        environments: {production: {}}
        probes:
          - name: checkout
            type: checkout
            steps:
              - name: cart
                request: {url: "http://127.0.0.1:8080/api/carts"}
        %s""".formatted(expectAndMore.indent(8));
    try {
      return new ConfigLoader(Map.of()).parse("probes.yaml", yaml, null).probes().getFirst()
          .steps().getFirst();
    } catch (ConfigException e) {
      throw new AssertionError(e.errors().toString(), e);
    }
  }

  @Test
  void statusLatencyAndCertificateChecksStayOnTheRunsThread() {
    assertThat(ResponseChecks.readsTheBody(step(""), List.of())).isFalse();
    assertThat(ResponseChecks.readsTheBody(step("""
        expect: {status: 201, max_latency: 800ms, degraded_latency: 400ms, cert_valid_for: 14d}
        """), List.of())).isFalse();
  }

  @Test
  void anythingThatMatchesParsesOrExtractsGoesToACheckThread() {
    for (String more : List.of(
        "expect: {headers: {Content-Type: \"application/json.*\"}}",
        "expect: {body: {contains: ok}}",
        "expect: {json: {$.id: {exists: true}}}",
        "extract: {cart_id: $.id}",
        "classify: [{when: {json: {$.error.type: invalid_request_error}}, as: gateway_rejected}]")) {
      assertThat(ResponseChecks.readsTheBody(step(more), List.of())).as(more).isTrue();
    }
    assertThat(ResponseChecks.readsTheBody(step(""), List.of("$.merchant.descriptor")))
        .as("watched values").isTrue();
  }
}
