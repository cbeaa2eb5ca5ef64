package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code kubectl kustomize DIR}: the real renderer, offline. Fails (not skips) without kubectl. */
final class Kustomize {

  private Kustomize() {}

  static String render(Path dir) throws IOException {
    Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false)
        .start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize " + dir).isTrue();
      assertThat(p.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
