package io.cartprobe.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON state file of cartprobe 0.1, kept to read that format (its contract fixtures, and
 * tests of the sections' JSON). The agent itself keeps its state in {@link StateDb} and imports
 * such a file once ({@code JsonImport}).
 *
 * <p>The format: one JSON object whose top-level keys are owned by different
 * components ({@code "watch"} for config baselines; alert state, history and pending webhooks
 * can sit next to it). Each component reads and writes only its own section; a write keeps the
 * others as they are on disk.
 *
 * <p>Writes go to a temporary file in the same directory, then an atomic rename: a crash leaves
 * the old file or the new one, never half of one. Components of one process must share one
 * instance, whose lock keeps their read-modify-write cycles from overwriting each other.
 */
public final class StateFile {

  private final Path path;
  /**
   * The file's content as this instance last read or wrote it. Read from disk once: the agent
   * writes alert state on every transition and delivery, and re-reading the whole file before
   * each write would be I/O for nothing, since this instance is the file's only writer.
   */
  private ObjectNode root;

  public StateFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  public Path path() {
    return path;
  }

  /** A section, or empty when the file or the section does not exist yet. */
  public synchronized Optional<JsonNode> read(String section) throws IOException {
    if (root == null) {
      root = readAll().orElseGet(JsonNodeFactory.instance::objectNode);
    }
    return Optional.ofNullable(root.get(section)).map(JsonNode::deepCopy);
  }

  /** Replaces one section, keeping every other section of the file. */
  public synchronized void write(String section, JsonNode value) throws IOException {
    if (root == null) {
      try {
        root = readAll().orElseGet(JsonNodeFactory.instance::objectNode);
      } catch (IOException unreadable) {
        // Whoever loaded the file at startup was already told it is unreadable; refusing to
        // write would keep the bad file forever and lose every state from now on.
        root = JsonNodeFactory.instance.objectNode();
      }
    }
    root.set(section, value);
    AtomicFiles.write(path, Json.pretty(root).getBytes(StandardCharsets.UTF_8));
  }

  private Optional<ObjectNode> readAll() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.parse(bytes);
      if (root == null || root.isMissingNode()) {
        return Optional.empty(); // an empty file: nothing saved yet
      }
      if (!(root instanceof ObjectNode object)) {
        throw new IOException(path + ": state file is not a JSON object");
      }
      return Optional.of(object);
    } catch (JsonProcessingException e) {
      throw new IOException(path + ": state file is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
