package io.cartprobe.alert;

import io.cartprobe.state.StateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** Alerting's state kept as the agent keeps it: the {@code "alerts"} section of a state file. */
final class AlertStateFile implements AlertStateSink {

  private final Path path;
  private final StateFile file;

  AlertStateFile(Path path) {
    this.path = path;
    this.file = new StateFile(path);
  }

  Path path() {
    return path;
  }

  @Override
  public void save(AlertState state) {
    try {
      file.write(AlertStateJson.SECTION, AlertStateJson.toJson(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a restarted agent reads: the file as it is on disk, through a fresh {@link StateFile}. */
  Optional<AlertState> load() {
    try {
      return new StateFile(path).read(AlertStateJson.SECTION).filter(n -> !n.isNull())
          .map(AlertStateJson::fromJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
