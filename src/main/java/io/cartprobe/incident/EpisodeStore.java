package io.cartprobe.incident;

import java.util.List;
import java.util.Optional;

/**
 * Where evidence episodes are kept, bounded to the newest {@link #LIMIT}. The in-memory store
 * with a state-file section is one implementation; a database table ({@code evidence_episodes}:
 * id, probe, environment, variant, opened_at, closed_at and the JSON document) can be another.
 */
public interface EpisodeStore {

  int LIMIT = 100;

  /** Adds or replaces the episode with this id; drops the oldest beyond {@link #LIMIT}. */
  void save(Episode episode);

  Optional<Episode> find(String id);

  /** Newest first. */
  List<Episode> newest();
}
