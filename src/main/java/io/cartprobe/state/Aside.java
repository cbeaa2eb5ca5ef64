package io.cartprobe.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Moves a state file (and its WAL) out of the way, to a name that says why and when. */
final class Aside {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Aside() {}

  /** {@code state.db} → {@code state.db.corrupt-20261202T003000Z}; the WAL goes along. */
  static Path move(Path file, String why, Instant now) throws IOException {
    Path target = free(file.resolveSibling(file.getFileName() + "." + why + "-" + STAMP.format(now)));
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    Path wal = sibling(file, "-wal");
    if (Files.exists(wal)) {
      Files.move(wal, sibling(target, "-wal"), StandardCopyOption.ATOMIC_MOVE);
    }
    // The shared-memory index is rebuilt from the WAL; one left behind would describe the old file.
    Files.deleteIfExists(sibling(file, "-shm"));
    return target;
  }

  /** The JSON state file of cartprobe 0.1 is kept, once imported, as {@code state.json.before-sqlite}. */
  static Path keepJson(Path file) throws IOException {
    Path target = free(file.resolveSibling(file.getFileName() + ".before-sqlite"));
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  private static Path free(Path wanted) {
    Path candidate = wanted;
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = wanted.resolveSibling(wanted.getFileName() + "." + n);
    }
    return candidate;
  }
}
