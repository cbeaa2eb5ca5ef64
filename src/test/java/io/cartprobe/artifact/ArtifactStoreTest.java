package io.cartprobe.artifact;

import static io.cartprobe.testing.Results.T0;
import static io.cartprobe.testing.Results.result;
import static io.cartprobe.testing.Results.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.BrowserEvidence;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's artifact directory: what it writes, what it serves, what the cap deletes. */
class ArtifactStoreTest {

  @TempDir Path dir;

  private static ProbeResult failedPage(java.time.Instant at, int pngBytes) {
    byte[] png = new byte[pngBytes];
    png[0] = (byte) 0x89;
    StepResult page = step("pay_on_page", "storefront").failed(FailureReason.BROWSER,
        "action 2 (wait_for): no element matches #pay").build()
        .withBrowser(new BrowserEvidence("http://shop/checkout", Optional.empty(), Optional.empty(),
            List.of("uncaught TypeError: boom"), List.of("GET http://shop/app.js: 404"),
            List.of(new BrowserEvidence.Screenshot("pay_on_page-failure.png", png))));
    return result("checkout-page", "staging").at(at).steps(page)
        .failedAt(page, null, null).build();
  }

  @Test
  void aFailedPageIsWrittenServedAndPointedTo() throws Exception {
    ArtifactStore store = new ArtifactStore(dir, 1 << 20);
    ProbeResult kept = store.keep(failedPage(T0, 100));

    String path = kept.steps().getFirst().browser().orElseThrow().artifacts().orElseThrow();
    assertThat(path).startsWith("/artifacts/20260509T100000.000Z-checkout-page-staging").endsWith("/");
    assertThat(store.serve(path + "pay_on_page-failure.png").orElseThrow().body()).hasSize(100)
        .startsWith((byte) 0x89);
    assertThat(new String(store.serve(path + "pay_on_page-console.txt").orElseThrow().body(),
        StandardCharsets.UTF_8)).isEqualTo("uncaught TypeError: boom\n");
    assertThat(new String(store.serve(path).orElseThrow().body(), StandardCharsets.UTF_8))
        .contains("<img src=\"pay_on_page-failure.png\"", "pay_on_page-requests.txt");
  }

  @Test
  void onlyNamesInsideTheStoreAreServed() throws Exception {
    Files.writeString(dir.resolveSibling("secret.txt"), "no");
    ArtifactStore store = new ArtifactStore(dir, 1 << 20);
    store.keep(failedPage(T0, 10));
    assertThat(store.serve("/artifacts/../secret.txt")).isEmpty();
    assertThat(store.serve("/artifacts/%2e%2e/secret.txt")).isEmpty();
    assertThat(store.serve("/artifacts/x/../../secret.txt")).isEmpty();
    assertThat(store.serve("/artifacts/nope/file.png")).isEmpty();
  }

  @Test
  void theCapDeletesTheOldestRunsFirstAndKeepsTheNewest() throws Exception {
    ArtifactStore store = new ArtifactStore(dir, 25_000);
    for (int i = 0; i < 4; i++) {
      store.keep(failedPage(T0.plus(Duration.ofMinutes(i)), 10_000));
    }
    try (var runs = Files.list(dir)) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted().toList())
          .satisfiesExactly(
              first -> assertThat(first).startsWith("20260509T100200.000Z"),
              second -> assertThat(second).startsWith("20260509T100300.000Z"));
    }
    ProbeResult huge = store.keep(failedPage(T0.plus(Duration.ofMinutes(9)), 40_000));
    assertThat(store.serve(huge.steps().getFirst().browser().orElseThrow().artifacts().orElseThrow()
        + "pay_on_page-failure.png")).isPresent();
  }

  @Test
  void aPassingRunWritesNothing() throws Exception {
    ArtifactStore store = new ArtifactStore(dir, 1 << 20);
    ProbeResult ok = io.cartprobe.testing.Results.ok("checkout-page", "staging", T0);
    assertThat(store.keep(ok)).isSameAs(ok);
    try (var runs = Files.list(dir)) {
      assertThat(runs).isEmpty();
    }
  }
}
