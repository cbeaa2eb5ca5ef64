package io.cartprobe.history;

import io.cartprobe.result.json.Json;
import io.cartprobe.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * History on its own in a file, for tests and tools. The agent keeps history inside its own
 * state file ({@link RunHistory#snapshot()} under a key); this does the same atomic write so a
 * crash mid-write leaves the previous file, never half a file.
 */
public final class HistoryStore {

  private final Path file;

  public HistoryStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  /** Writes the snapshot to a temporary file next to the target, then moves it over atomically. */
  public void save(RunHistory history) throws IOException {
    AtomicFiles.write(file, Json.write(history.snapshot()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Restores history from the file when there is one.
   *
   * @return pairs restored; 0 when the file does not exist
   */
  public int load(RunHistory history) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return history.restore(Json.parse(Files.readAllBytes(file)));
  }
}
