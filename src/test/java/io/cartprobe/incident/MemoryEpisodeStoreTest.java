package io.cartprobe.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryEpisodeStoreTest {

  private static final Instant T = Instant.parse("2026-05-09T10:00:00Z");

  private static Episode episode(int n) {
    return new Episode(String.format("%016x", n), "checkout-failing", "critical", "checkout",
        "production", "", T.plusSeconds(n), Optional.empty(), T.plusSeconds(n), List.of(),
        Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
  }

  @Test
  void keepsTheNewestHundredAndHandsEachChangeToPersistence() {
    List<List<Episode>> persisted = new ArrayList<>();
    MemoryEpisodeStore store = new MemoryEpisodeStore(List.of(), persisted::add);

    for (int n = 0; n < 130; n++) {
      store.save(episode(n));
    }

    assertThat(store.newest()).hasSize(EpisodeStore.LIMIT);
    assertThat(store.newest().getFirst().id()).isEqualTo(episode(129).id());
    assertThat(store.newest().getLast().id()).isEqualTo(episode(30).id());
    assertThat(store.find(episode(29).id())).isEmpty();
    assertThat(persisted.getLast()).isEqualTo(store.newest());
  }

  @Test
  void theStateFileSectionReadsBackWhatWasWritten() {
    List<Episode> saved = List.of(episode(2), episode(1));

    assertThat(EpisodesJson.fromJson(Optional.of(EpisodesJson.toJson(saved)))).isEqualTo(saved);
    assertThat(EpisodesJson.fromJson(Optional.empty())).isEmpty();
  }
}
