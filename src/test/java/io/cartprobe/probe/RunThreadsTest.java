package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RunThreadsTest {

  @Test
  void theFirstRunsInFlightGetPlatformThreadsAndTheRestVirtualOnes() throws Exception {
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Thread>> runs = new ArrayList<>();
    try (RunThreads threads = new RunThreads("test-run-", 2)) {
      for (int i = 0; i < 3; i++) {
        runs.add(threads.submit(() -> {
          started.countDown();
          release.await();
          return Thread.currentThread();
        }));
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      List<Thread> ranOn = new ArrayList<>();
      for (Future<Thread> run : runs) {
        ranOn.add(run.get(30, TimeUnit.SECONDS));
      }

      assertThat(ranOn.subList(0, 2)).allSatisfy(t -> {
        assertThat(t.isVirtual()).isFalse();
        assertThat(t.getName()).startsWith("test-run-p");
      });
      assertThat(ranOn.get(2).isVirtual()).isTrue();
      assertThat(ranOn.get(2).getName()).startsWith("test-run-");
    }
  }

  @Test
  void aPlatformThreadFreedByOneRunTakesTheNext() throws Exception {
    try (RunThreads threads = new RunThreads("test-run-", 1)) {
      Thread first = threads.submit(Thread::currentThread).get(30, TimeUnit.SECONDS);
      // back in the pool once it waits for work (a minute at most): until then it is busy
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> first.getState() == Thread.State.TIMED_WAITING);
      Thread second = threads.submit(Thread::currentThread).get(30, TimeUnit.SECONDS);

      assertThat(first.isVirtual()).isFalse();
      assertThat(second).isSameAs(first);
    }
  }

  @Test
  void closingInterruptsTheRunsInFlightAndStartsNoMore() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch ended = new CountDownLatch(2);
    AtomicBoolean platformInterrupted = new AtomicBoolean();
    AtomicBoolean virtualInterrupted = new AtomicBoolean();
    RunThreads threads = new RunThreads("test-run-", 1);
    for (AtomicBoolean interrupted : List.of(platformInterrupted, virtualInterrupted)) {
      threads.submit(() -> {
        started.countDown();
        try {
          Thread.sleep(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
          interrupted.set(true);
        } finally {
          ended.countDown();
        }
        return null;
      });
    }
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    threads.close();

    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(platformInterrupted).isTrue();
    assertThat(virtualInterrupted).isTrue();
    assertThatThrownBy(() -> threads.submit(() -> null)).isInstanceOf(RejectedExecutionException.class);
  }
}
