package io.cartprobe.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Episodes in memory, the newest {@link EpisodeStore#LIMIT} by opening time; each change is
 * handed to {@code persist} (the agent writes them to the state file's {@code incidents}
 * section). Thread-safe.
 */
public final class MemoryEpisodeStore implements EpisodeStore {

  private final Map<String, Episode> episodes = new LinkedHashMap<>();
  private final Consumer<List<Episode>> persist;

  public MemoryEpisodeStore(List<Episode> restored, Consumer<List<Episode>> persist) {
    this.persist = persist;
    restored.forEach(e -> episodes.put(e.id(), e));
    trim();
  }

  public MemoryEpisodeStore() {
    this(List.of(), all -> {});
  }

  @Override
  public void save(Episode episode) {
    List<Episode> snapshot;
    synchronized (this) {
      episodes.put(episode.id(), episode);
      trim();
      snapshot = newestLocked();
    }
    persist.accept(snapshot);
  }

  @Override
  public synchronized Optional<Episode> find(String id) {
    return Optional.ofNullable(episodes.get(id));
  }

  @Override
  public synchronized List<Episode> newest() {
    return newestLocked();
  }

  private List<Episode> newestLocked() {
    List<Episode> all = new ArrayList<>(episodes.values());
    all.sort(Comparator.comparing(Episode::openedAt).reversed());
    return all;
  }

  private void trim() {
    while (episodes.size() > LIMIT) {
      episodes.values().stream().min(Comparator.comparing(Episode::openedAt))
          .ifPresent(oldest -> episodes.remove(oldest.id()));
    }
  }
}
