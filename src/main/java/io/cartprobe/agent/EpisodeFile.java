package io.cartprobe.agent;

import io.cartprobe.incident.Episode;
import io.cartprobe.incident.EpisodeStore;
import io.cartprobe.incident.EpisodesJson;
import io.cartprobe.incident.MemoryEpisodeStore;
import io.cartprobe.state.StateFile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The evidence episodes, kept in the state file's {@code incidents} section when there is one. */
final class EpisodeFile {

  private static final Logger log = LoggerFactory.getLogger(EpisodeFile.class);

  private EpisodeFile() {}

  static EpisodeStore open(Optional<StateFile> stateFile) throws IOException {
    List<Episode> saved = stateFile.isPresent()
        ? EpisodesJson.fromJson(stateFile.get().read(EpisodesJson.SECTION)) : List.of();
    return new MemoryEpisodeStore(saved, all -> stateFile.ifPresent(file -> {
      try {
        file.write(EpisodesJson.SECTION, EpisodesJson.toJson(all));
      } catch (IOException | RuntimeException e) {
        log.error("cannot save evidence episodes to the state file: {}", e.getMessage());
      }
    }));
  }
}
