package io.cartprobe.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.json.Json;
import io.cartprobe.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A state file of alerting's own: {@code {"alerts": {...}}}, the same shape as the agent's file,
 * so each reads the other's. Written crash-safe: a temp file in the same directory, fsync'ed,
 * moved over the old one atomically, then the directory fsync'ed, so after a crash (even
 * SIGKILL or power loss) the file is the old state or the new one, never half of each.
 */
public final class AlertStateStore implements AlertStateSink {

  private final Path file;

  public AlertStateStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void save(AlertState state) {
    try {
      AtomicFiles.write(file, Json.pretty(Map.of(AlertStateJson.SECTION,
          AlertStateJson.toJson(state))).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write alert state to " + file, e);
    }
  }

  /** The saved state; empty when there is no file yet. */
  public synchronized Optional<AlertState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode section = Json.parse(Files.readAllBytes(file)).get(AlertStateJson.SECTION);
      return section == null || section.isNull() ? Optional.empty()
          : Optional.of(AlertStateJson.fromJson(section));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read alert state from " + file, e);
    }
  }
}
