package io.cartprobe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RendersTest {

  private static final Renders.Answer OK = new Renders.Answer(200, "text/plain", "ok");

  @Test
  void pastTheQueueARequestIsShedAtOnceWhileTheQueuedOnesAreStillAnswered() throws Exception {
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Renders renders = new Renders(1)) {
      List<CompletableFuture<Optional<Renders.Answer>>> waiting = new ArrayList<>();
      waiting.add(submit(renders, () -> {
        rendering.countDown();
        release.await();
        return OK;
      }));
      assertThat(rendering.await(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < Renders.QUEUE; i++) {
        waiting.add(submit(renders, () -> OK));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> renders.waiting() == Renders.QUEUE);
      Optional<Renders.Answer> shed = renders.render(() -> OK);
      assertThat(shed).as("shed once the queue is full").isEmpty();

      release.countDown();
      assertThat(waiting).allSatisfy(f -> assertThat(f.get(30, TimeUnit.SECONDS)).contains(OK));
    }
  }

  @Test
  void aRenderThatFailsFailsTheRequest() throws Exception {
    try (Renders renders = new Renders(1)) {
      assertThatThrownBy(() -> renders.render(() -> {
        throw new IOException("client went away");
      })).isInstanceOf(IOException.class).hasMessage("client went away");
      assertThatThrownBy(() -> renders.render(() -> {
        throw new IllegalStateException("bug");
      })).isInstanceOf(IllegalStateException.class);
    }
  }

  private static CompletableFuture<Optional<Renders.Answer>> submit(Renders renders,
      java.util.concurrent.Callable<Renders.Answer> work) {
    CompletableFuture<Optional<Renders.Answer>> answer = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        answer.complete(renders.render(work));
      } catch (Exception e) {
        answer.completeExceptionally(e);
      }
    });
    return answer;
  }
}
