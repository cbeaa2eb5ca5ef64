package io.cartprobe.alert;

import io.cartprobe.state.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A state file of alerting's own: {@code {"alerts": {...}}}, the same shape as the agent's file,
 * so each reads the other's. Written crash-safe: a temp file in the same directory, fsync'ed,
 * moved over the old one atomically, then the directory fsync'ed, so after a crash (even
 * SIGKILL or power loss) the file is the old state or the new one, never half of each.
 */
public final class AlertStateStore implements AlertStateSink {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  public AlertStateStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void save(AlertState state) {
    ObjectNode root = MAPPER.createObjectNode();
    AlertStateJson.writeSection(root, state);
    try {
      AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
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
      JsonNode root = MAPPER.readTree(file.toFile());
      return AlertStateJson.readSection(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read alert state from " + file, e);
    }
  }
}
