package io.cartprobe.agent;

import io.cartprobe.incident.Episode;
import io.cartprobe.incident.EpisodeStore;
import io.cartprobe.incident.MemoryEpisodeStore;
import io.cartprobe.result.json.Json;
import io.cartprobe.state.AgentState;
import io.cartprobe.state.EvidenceEpisode;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence episodes: in memory (the newest {@link EpisodeStore#LIMIT}), and with a
 * {@code state_file} also in its {@code evidence_episodes} table, read back at start.
 */
final class EpisodeFile {

  private static final Logger log = LoggerFactory.getLogger(EpisodeFile.class);

  private EpisodeFile() {}

  static EpisodeStore open(Optional<AgentState> state) {
    if (state.isEmpty()) {
      return new MemoryEpisodeStore();
    }
    AgentState saved = state.get();
    MemoryEpisodeStore memory = new MemoryEpisodeStore(restored(saved), all -> {});
    return new EpisodeStore() {
      @Override
      public void save(Episode episode) {
        memory.save(episode);
        saved.episodes().save(new EvidenceEpisode(episode.id(), episode.probe(),
            episode.environment(), episode.variant(), episode.openedAt(), episode.closedAt(),
            Json.tree(episode)));
      }

      @Override
      public Optional<Episode> find(String id) {
        return memory.find(id);
      }

      @Override
      public List<Episode> newest() {
        return memory.newest();
      }
    };
  }

  private static List<Episode> restored(AgentState saved) {
    try {
      return saved.episodes().recent(EpisodeStore.LIMIT).stream()
          .map(e -> Json.read(e.document(), Episode.class)).toList();
    } catch (SQLException | RuntimeException e) {
      log.error("state file {}: cannot read the evidence episodes ({}); they start afresh",
          saved.path(), e.getMessage());
      return List.of();
    }
  }
}
