package io.cartprobe.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.json.Json;
import io.cartprobe.state.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Saves and loads the {@link ConfigWatch} baselines in the state file's {@code "watch"} key. */
public final class WatchStateStore {

  public static final String SECTION = "watch";

  private final StateFile file;

  public WatchStateStore(StateFile file) {
    this.file = file;
  }

  public WatchStateStore(Path path) {
    this(new StateFile(path));
  }

  /** The saved state, or empty when nothing was saved yet. */
  public Optional<WatchState> load() throws IOException {
    Optional<JsonNode> node = file.read(SECTION);
    if (node.isEmpty() || node.get().isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(node.get(), WatchState.class));
    } catch (IllegalArgumentException e) {
      throw new IOException(file.path() + ": \"" + SECTION + "\" is unreadable: "
          + e.getMessage(), e);
    }
  }

  public void save(WatchState state) throws IOException {
    file.write(SECTION, Json.tree(state));
  }
}
