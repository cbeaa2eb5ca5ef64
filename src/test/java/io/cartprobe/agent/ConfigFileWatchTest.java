package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file changes the way each writer changes it; the reload reads the new content. A change
 * that leaves the content as it was reloads nothing: each test makes one after it and asserts
 * that exactly the real change was reloaded (events are handled in order, so by then the first
 * has been looked at).
 */
class ConfigFileWatchTest {

  @TempDir Path dir;

  private final List<String> reloadedWith = new CopyOnWriteArrayList<>();

  private ConfigFileWatch watch(Path file) throws Exception {
    return ConfigFileWatch.start(file, () -> {
      try {
        reloadedWith.add(Files.readString(file));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private void awaitReloads(String... contents) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reloadedWith.size() >= contents.length);
    assertThat(reloadedWith).containsExactly(contents);
  }

  @Test
  void anEditInPlaceReloadsATouchDoesNot() throws Exception {
    Path file = Files.writeString(dir.resolve("probes.yaml"), "v1");
    try (ConfigFileWatch watch = watch(file)) {
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
      Files.writeString(file, "v1");
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.looks() >= 1);
      Files.writeString(file, "v2");
      awaitReloads("v2");
    }
  }

  @Test
  void anEditorsRenameOverTheFileReloads() throws Exception {
    Path file = Files.writeString(dir.resolve("probes.yaml"), "v1");
    try (ConfigFileWatch ignored = watch(file)) {
      Path temp = Files.writeString(dir.resolve(".probes.yaml.swp"), "v2");
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      awaitReloads("v2");
    }
  }

  /** The kubelet's AtomicWriter: probes.yaml -> ..data/probes.yaml, ..data -> ..<timestamp>. */
  @Test
  void aConfigMapUpdateSwappingTheDataSymlinkReloadsOnce() throws Exception {
    Path first = Files.createDirectory(dir.resolve("..2026_12_02_00_00_00.1"));
    Files.writeString(first.resolve("probes.yaml"), "v1");
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Path file = Files.createSymbolicLink(dir.resolve("probes.yaml"), Path.of("..data/probes.yaml"));
    try (ConfigFileWatch watch = watch(file)) {
      Path second = Files.createDirectory(dir.resolve("..2026_12_02_00_01_00.2"));
      Files.writeString(second.resolve("probes.yaml"), "v2");
      Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
      Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Files.delete(first.resolve("probes.yaml"));
      Files.delete(first);
      awaitReloads("v2");
      int looked = watch.looks();

      // A resync that writes the same content again: no reload; then a real one.
      Path third = Files.createDirectory(dir.resolve("..2026_12_02_00_02_00.3"));
      Files.writeString(third.resolve("probes.yaml"), "v2");
      Files.move(Files.createSymbolicLink(dir.resolve("..data_tmp"), third.getFileName()),
          dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.looks() > looked);
      Path fourth = Files.createDirectory(dir.resolve("..2026_12_02_00_03_00.4"));
      Files.writeString(fourth.resolve("probes.yaml"), "v3");
      Files.move(Files.createSymbolicLink(dir.resolve("..data_tmp"), fourth.getFileName()),
          dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      awaitReloads("v2", "v3");
    }
  }
}
