package io.cartprobe.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.AlertStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agent.state_file}: one JSON object whose sections ({@code alerts}, {@code watch},
 * {@code history}) each belong to one consumer. Every write replaces the whole file atomically,
 * so a crash leaves the previous state or the new one, never half of each. Without a path the
 * state lives in memory only.
 */
final class StateFile {

  private static final Logger log = LoggerFactory.getLogger(StateFile.class);

  private final Optional<Path> path;
  private final ObjectMapper json = new ObjectMapper();
  private final ObjectNode root;

  StateFile(Optional<Path> path) {
    this.path = path;
    this.root = path.flatMap(this::read).orElseGet(json::createObjectNode);
  }

  private Optional<ObjectNode> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = json.readTree(file.toFile());
      if (node instanceof ObjectNode object) {
        log.info("state restored from {}", file);
        return Optional.of(object);
      }
      log.warn("state file {} is not a JSON object; starting with empty state", file);
    } catch (IOException e) {
      log.warn("state file {} is unreadable ({}); starting with empty state", file, e.getMessage());
    }
    return Optional.empty();
  }

  synchronized Optional<JsonNode> section(String name) {
    return Optional.ofNullable(root.get(name)).map(JsonNode::deepCopy);
  }

  /** Replaces one section and writes the file before returning. */
  synchronized void write(String name, JsonNode section) {
    root.set(name, section);
    if (path.isEmpty()) {
      return;
    }
    try {
      Path file = path.get();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      AlertStateStore.writeAtomically(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + path.get(), e);
    }
  }
}
